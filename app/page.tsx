import { AppLink } from '@/components/ui/AppLink';
import { QuickTour } from '@/components/home/QuickTour';
import { navLabel, type NavHref } from '@/components/nav-links';

/** The lab's four steps, titled as the navigation names them. */
const STEPS: { href: NavHref; body: string }[] = [
  {
    href: '/label',
    body: 'Read a question and two answers, and press one key to say which is better. Some answers are confident, polished and wrong; some are hesitant, plain and right. Be honest about which you would reward.',
  },
  {
    href: '/train',
    body: 'Train a Bradley–Terry reward model on your labels, right here in the browser. Watch the loss fall and see how well it predicts held-out judgments.',
  },
  {
    href: '/inspect',
    body: 'See what the reward model actually pays for: reward against the truth, which features earn reward, and the best-of-n curve where the proxy reward climbs while true quality falls.',
  },
  {
    href: '/optimize',
    body: 'Push an optimiser against the reward model: best-of-n, or RL with a KL penalty, over edited answers. Watch the proxy reward keep climbing while true quality peaks and falls, then try the known mitigations side by side.',
  },
];

export default function Home() {
  return (
    <div className="space-y-8">
      <section className="max-w-3xl space-y-3">
        <h1 className="text-3xl font-semibold tracking-tight">Watch a reward model learn the wrong lesson</h1>
        <p className="text-lg text-slate-700 dark:text-slate-300">
          RLHF trains a reward model on human preferences and then optimises a language model against it. The
          reward model learns what raters <em>reward</em>, not what is <em>true</em>. When that proxy becomes
          the target, it stops measuring what it was meant to: Goodhart&apos;s law. Goodhart Lab lets you see
          it happen in minutes, in this browser, with no server and no network.
        </p>
      </section>
      <ol className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {STEPS.map((s) => {
          const title = navLabel(s.href);
          return (
            <li
              key={s.href}
              className="flex flex-col items-start rounded-lg border border-slate-300 p-5 dark:border-slate-700"
            >
              <h2 className="text-xl font-semibold">
                <AppLink href={s.href} className="hover:underline">
                  {title}
                </AppLink>
              </h2>
              <p className="mt-2 mb-4 text-slate-700 dark:text-slate-300">{s.body}</p>
              <AppLink
                href={s.href}
                className="mt-auto inline-block rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
              >
                Go to {title.replace(/^\d+ · /, '')}
              </AppLink>
            </li>
          );
        })}
      </ol>
      <QuickTour />
      <p className="text-slate-700 dark:text-slate-300">
        Also: the{' '}
        <AppLink href="/playground" className="underline">
          Playground
        </AppLink>{' '}
        turns one knob at a time (how often the rater checks facts, the model size, …) and plots the
        consequence.
      </p>
      <p className="text-slate-700 dark:text-slate-300">
        A built-in demo dataset is already loaded. Your labels and models are stored only in this browser; the{' '}
        <AppLink href="/data" className="underline">
          Data
        </AppLink>{' '}
        page shows what is stored and can restore the demo.
      </p>
    </div>
  );
}
