import type { ComponentChildren } from 'preact';
import { formatCount } from '../lib/trends';

export interface NewOngoingRow {
  key: string | number;
  label: ComponentChildren;
  new: number;
  ongoing: number;
}

// A table of new and ongoing cases per row (a year, a desk), with an optional total line.
export function NewOngoingTable({
  caption,
  captionClass,
  first,
  rows,
  total,
}: {
  caption: ComponentChildren;
  captionClass?: string;
  first: string;
  rows: NewOngoingRow[];
  total?: { new: number; ongoing: number };
}) {
  return (
    <div class="table-wrap">
      <table class="table compact stats">
        <caption class={captionClass}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" class="num">
              New
            </th>
            <th scope="col" class="num">
              Ongoing
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td class="num">{formatCount(r.new)}</td>
              <td class="num">{formatCount(r.ongoing)}</td>
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td class="num">{formatCount(total.new)}</td>
              <td class="num">{formatCount(total.ongoing)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
