import { noteBlocks } from '../lib/focusGroup';

// The text of a best practice or a country update: its paragraphs and lists, as text.
export function NoteBody({ text }: { text: string }) {
  return (
    <>
      {noteBlocks(text).map((b, i) =>
        b.kind === 'paragraph' ? (
          <p key={i} dir="auto">
            {b.text}
          </p>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j} dir="auto">
                {item}
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}
