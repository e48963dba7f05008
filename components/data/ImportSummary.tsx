'use client';
/** One parsed file before import: format, counts, new vs stored, every problem by line, a preview, the mapping step. */
import { useState } from 'react';
import type { ColumnMapping } from '@/lib/core/formats/mapping';
import type { ParseSummary } from '@/lib/workers/import-api';
import { formatBytes } from '@/lib/core/storage/quota';
import { Button } from '@/components/ui/Button';
import { LongText } from '@/components/ui/LongText';
import { Name } from '@/components/ui/Name';
import { isolatedName } from '@/lib/core/display';
import { TableScroll } from '@/components/ui/TableScroll';

const TABLE_LABEL: Record<string, string> = {
  datasets: 'datasets',
  prompts: 'prompts',
  responses: 'responses',
  comparisons: 'labels',
  skips: 'skips',
  annotators: 'annotators',
  runs: 'models',
  rankings: 'rankings',
};

export function ImportSummary({
  summary: s,
  imported,
  busy,
  onImport,
  onRemap,
}: {
  summary: ParseSummary;
  imported?: string;
  busy: boolean;
  onImport: (replace: boolean) => void;
  onRemap: (m: ColumnMapping) => void;
}) {
  const needsMapping = s.format.startsWith('mapped') || s.format === 'unknown';
  const nothing = s.validRows === 0;
  const plan = s.plan;
  const [replace, setReplace] = useState(false);
  const conflicts = plan ? Object.values(plan.tables).reduce((n, t) => n + (t?.conflicts ?? 0), 0) : 0;
  return (
    <article
      className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
      aria-label={`Import of ${isolatedName(s.fileName)}`}
      data-testid="import-summary"
    >
      <header className="flex flex-wrap items-baseline gap-x-3">
        <h3 className="font-semibold">
          <Name name={s.fileName} />
        </h3>
        <span className="text-sm text-slate-700 dark:text-slate-300">
          {formatBytes(s.bytes)} · format <strong>{s.format}</strong>
          {s.detectedFormat !== s.format ? ` (detected: ${s.detectedFormat})` : ''} · parsed in{' '}
          {(s.parseMs / 1000).toFixed(1)} s
        </span>
      </header>
      <p data-testid="import-counts">
        {s.validRows.toLocaleString()} of {s.totalRows.toLocaleString()} rows valid
        {s.errors ? `, ${s.errors.toLocaleString()} errors` : ''}
        {s.warnings ? `, ${s.warnings.toLocaleString()} warnings` : ''}
        {s.duplicates ? `, ${s.duplicates.toLocaleString()} duplicates merged` : ''}. Would import “
        <Name name={s.datasetName} />
        ”:{' '}
        {Object.entries(s.counts)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${n.toLocaleString()} ${TABLE_LABEL[k] ?? k}`)
          .join(', ') || 'nothing'}
        .
      </p>
      {plan && (
        <p className="text-sm" data-testid="import-plan">
          Compared with what is stored:{' '}
          {Object.entries(plan.tables)
            .map(
              ([k, t]) =>
                `${TABLE_LABEL[k] ?? k} ${t!.added.toLocaleString()} new${t!.unchanged ? `, ${t!.unchanged.toLocaleString()} already stored` : ''}${t!.filled ? `, ${t!.filled.toLocaleString()} stored with fewer fields (the file's extra fields are added)` : ''}${t!.conflicts ? `, ${t!.conflicts} conflicting` : ''}`,
            )
            .join('; ')}
          .
          {plan.mergedAnnotators.length > 0 &&
            ` Annotators merged by name: ${plan.mergedAnnotators.join(', ')}.`}
        </p>
      )}
      {plan && plan.conflictExamples.length > 0 && (
        <div className="text-sm" data-testid="import-conflicts">
          <p>
            Conflicts (same id, a field with another value): the stored value is kept unless you choose to
            replace. Fields the file lacks are always kept.
          </p>
          <ul className="list-disc pl-5">
            {plan.conflictExamples.slice(0, 5).map((c) => (
              <li key={`${c.table}/${c.id}`}>
                {TABLE_LABEL[c.table] ?? c.table} <span className="font-mono">{c.id}</span>:{' '}
                {c.fields.map((f) => `${f.field} stored ${f.stored}, file ${f.incoming}`).join('; ')}
              </li>
            ))}
          </ul>
          <label className="mt-1 flex items-center gap-2">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
            Replace the {conflicts.toLocaleString()} conflicting records with this file&apos;s values
          </label>
        </div>
      )}
      {s.readings.length > 0 && (
        <div className="text-sm" data-testid="import-readings">
          <p className="font-medium">How this file was read</p>
          <ul className="list-disc pl-5">
            {s.readings.map((r, i) => (
              <li key={i}>
                <span className="font-mono">{r.field}</span> ({r.what}
                {r.guessed ? ', inferred: check it' : ''}): {r.reading}
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.issues.length > 0 && <IssueTable summary={s} />}
      {needsMapping && s.fields.length > 0 && <MappingForm fields={s.fields} onApply={onRemap} />}
      {s.preview.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Preview the first prompts</summary>
          <ul className="mt-2 space-y-2 text-sm">
            {s.preview.map((p, i) => (
              <li key={i} className="rounded border border-slate-200 p-2 dark:border-slate-700">
                <LongText text={p.text} className="font-medium whitespace-pre-wrap" />
                <ul className="mt-1 list-disc pl-5">
                  {p.responses.map((r, j) => (
                    <li key={j} className="min-w-0">
                      <LongText
                        text={r.text}
                        className="whitespace-pre-wrap"
                        renderStart={(start) => (
                          <>
                            {r.correct === undefined ? '' : r.correct ? '[correct] ' : '[incorrect] '}
                            {start}
                          </>
                        )}
                      />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      )}
      {imported ? (
        <p className="font-medium text-green-800 dark:text-green-300" role="status">
          {imported}
        </p>
      ) : nothing ? (
        <p className="text-sm">Nothing valid to import from this file.</p>
      ) : (
        <Button variant="primary" onClick={() => onImport(replace)} disabled={busy}>
          {s.errors > 0 ? `Import the ${s.validRows.toLocaleString()} valid rows` : 'Import'}
        </Button>
      )}
    </article>
  );
}

function IssueTable({ summary: s }: { summary: ParseSummary }) {
  const shown = s.issues.slice(0, 100);
  return (
    <div>
      <TableScroll label="Import problems">
        <table className="w-full text-left text-sm" data-testid="import-issues">
          <caption className="mb-1 text-left font-medium">
            Problems ({(s.errors + s.warnings).toLocaleString()}
            {s.issues.length < s.errors + s.warnings || shown.length < s.issues.length
              ? `, first ${shown.length} shown`
              : ''}
            )
          </caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col" className="pr-3">
                Where
              </th>
              <th scope="col" className="pr-3">
                Field
              </th>
              <th scope="col" className="pr-3">
                Problem
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i, k) => (
              <tr key={k} className="border-b border-slate-200 align-top dark:border-slate-800">
                <td className="pr-3 whitespace-nowrap font-mono">
                  <Name name={s.fileName} />:{i.line}
                </td>
                <td className="pr-3 font-mono">{i.field ?? ''}</td>
                <td className={i.severity === 'error' ? 'text-red-700 dark:text-red-300' : ''}>
                  {i.severity === 'warning' ? 'warning: ' : ''}
                  {i.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

function MappingForm({ fields, onApply }: { fields: string[]; onApply: (m: ColumnMapping) => void }) {
  const [prompt, setPrompt] = useState(fields[0] ?? '');
  const [responses, setResponses] = useState<string[]>([]);
  const [chosen, setChosen] = useState('');
  const [rejected, setRejected] = useState('');
  const [winner, setWinner] = useState('');
  const [correct, setCorrect] = useState('');
  const [winnerBase, setWinnerBase] = useState('');
  const [correctBase, setCorrectBase] = useState('');
  const fieldChoices: [string, string][] = [['', '—'], ...fields.map((f): [string, string] => [f, f])];
  const baseChoices: [string, string][] = [
    ['', 'infer from the column'],
    ['0', '0 (0 = first response)'],
    ['1', '1 (1 = first response)'],
  ];
  /** One labelled select: `choices` are [value, text] pairs. */
  const choice = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    choices: [string, string][] = fieldChoices,
  ) => (
    <div>
      <label htmlFor={id} className="block text-xs font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => set(e.target.value)}
        className="mt-1 rounded border border-slate-400 bg-white px-1 py-1 text-sm dark:bg-slate-900"
      >
        {choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset className="rounded border border-slate-300 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">Column mapping</legend>
      <div className="flex flex-wrap gap-3">
        {choice('map-prompt', 'Prompt', prompt, setPrompt)}
        <div>
          <label htmlFor="map-responses" className="block text-xs font-medium">
            Responses (one or more)
          </label>
          <select
            id="map-responses"
            multiple
            value={responses}
            onChange={(e) => setResponses([...e.target.selectedOptions].map((o) => o.value))}
            className="mt-1 h-20 rounded border border-slate-400 bg-white px-1 text-sm dark:bg-slate-900"
          >
            {fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
        {choice('map-chosen', 'Chosen', chosen, setChosen)}
        {choice('map-rejected', 'Rejected', rejected, setRejected)}
        {choice('map-winner', 'Winner', winner, setWinner)}
        {choice('map-correct', 'Gold (correct)', correct, setCorrect)}
        {choice('map-winner-base', 'Winner numbers count from', winnerBase, setWinnerBase, baseChoices)}
        {choice('map-correct-base', 'Gold numbers count from', correctBase, setCorrectBase, baseChoices)}
      </div>
      <Button
        className="mt-3"
        onClick={() =>
          onApply({
            prompt,
            ...(responses.length ? { responses: responses.length === 1 ? responses[0] : responses } : {}),
            ...(chosen && rejected ? { chosen, rejected } : {}),
            ...(winner ? { winner } : {}),
            ...(correct ? { correct } : {}),
            ...(winnerBase ? { winnerBase: winnerBase === '1' ? 1 : 0 } : {}),
            ...(correctBase ? { correctBase: correctBase === '1' ? 1 : 0 } : {}),
          })
        }
      >
        Apply mapping
      </Button>
    </fieldset>
  );
}
