"""The other side of bench:train's side-by-side row: L2 logistic regression on hashed word 1-2-grams of the
same HH-RLHF split `goodhart train` uses (train.jsonl / val.jsonl in TRL form, written by train.bench.ts),
a Bradley-Terry model with a linear reward fitted on feature differences (chosen - rejected, and the
mirrored rows with label 0, so the intercept-free fit is symmetric). Prints one JSON line: the backend,
the best held-out accuracy and its log-loss over a grid of L2 strengths, and the fit time of each.

--backend sklearn: scikit-learn's HashingVectorizer(ngram_range=(1, 2)) and LogisticRegression(lbfgs).
--backend scipy:   the same recipe without scikit-learn (this machine has none and no network for pip):
                   sklearn's token pattern, 1-2-grams hashed by CRC-32 into 2**18 buckets, rows scaled to
                   unit L2 norm, and scipy.optimize's L-BFGS-B on the mean log-loss + lambda * ||w||^2.
--text prompt+response (default) hashes the prompt and the response together; --text response hashes the
response alone, the text goodhart's hashed n-grams read.
"""

import argparse
import json
import re
import sys
import time
import zlib

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")
N_FEATURES = 2**18
C_GRID = [0.3, 1.0, 3.0, 10.0, 30.0, 100.0]


def read(path, text):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    head = (lambda r: r["prompt"]) if text == "prompt+response" else (lambda r: "")
    return [head(r) + r["chosen"] for r in rows], [head(r) + r["rejected"] for r in rows]


def scipy_features(texts):
    from scipy.sparse import csr_matrix

    indptr, indices, values = [0], [], []
    for text in texts:
        words = TOKEN.findall(text.lower())
        grams = words + [a + " " + b for a, b in zip(words, words[1:])]
        counts = {}
        for g in grams:
            h = zlib.crc32(g.encode("utf-8")) % N_FEATURES
            counts[h] = counts.get(h, 0) + 1
        norm = np.sqrt(sum(c * c for c in counts.values())) or 1.0
        indices.extend(counts.keys())
        values.extend(c / norm for c in counts.values())
        indptr.append(len(indices))
    return csr_matrix((values, indices, indptr), shape=(len(texts), N_FEATURES))


def scipy_fit(X, y, C):
    from scipy.optimize import minimize

    n = X.shape[0]
    s = 2.0 * y - 1.0
    lam = 1.0 / (2.0 * C * n)

    def fg(w):
        z = s * (X @ w)
        loss = np.logaddexp(0.0, -z).mean() + lam * (w @ w)
        g = X.T @ (-s * (1.0 / (1.0 + np.exp(z)))) / n + 2.0 * lam * w
        return loss, g

    r = minimize(fg, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    return r.x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=["sklearn", "scipy"], required=True)
    ap.add_argument("train")
    ap.add_argument("val")
    ap.add_argument("--c", type=float, action="append", help="only these C values (default: a grid)")
    ap.add_argument("--text", choices=["prompt+response", "response"], default="prompt+response")
    args = ap.parse_args()
    tc, tr = read(args.train, args.text)
    vc, vr = read(args.val, args.text)
    if args.backend == "sklearn":
        from sklearn.feature_extraction.text import HashingVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = HashingVectorizer(ngram_range=(1, 2), alternate_sign=False)
        feats = vec.transform
    else:
        feats = scipy_features
    from scipy.sparse import vstack

    dtrain = feats(tc) - feats(tr)
    dval = feats(vc) - feats(vr)
    X = vstack([dtrain, -dtrain]).tocsr()
    y = np.concatenate([np.ones(dtrain.shape[0]), np.zeros(dtrain.shape[0])])
    results = []
    for C in args.c or C_GRID:
        t0 = time.perf_counter()
        if args.backend == "sklearn":
            w = LogisticRegression(C=C, fit_intercept=False, max_iter=1000).fit(X, y).coef_.ravel()
        else:
            w = scipy_fit(X, y, C)
        fit = time.perf_counter() - t0
        z = dval @ w
        acc = float(np.mean(np.where(z > 0, 1.0, np.where(z == 0, 0.5, 0.0))))
        logloss = float(np.mean(np.logaddexp(0.0, -z)))
        results.append({"C": C, "accuracy": acc, "logLoss": logloss, "fitSeconds": fit})
    best = max(results, key=lambda r: r["accuracy"])
    print(json.dumps({"backend": args.backend, "text": args.text, "n": dval.shape[0], "best": best, "grid": results}))


if __name__ == "__main__":
    sys.exit(main())
