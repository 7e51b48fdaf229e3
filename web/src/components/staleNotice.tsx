// What a form shows when its write was refused because someone else changed the entry since it
// was read (409 on the version): nothing was saved, and the way to the latest version.
export function StaleNotice({ what, onReload }: { what: string; onReload: () => void }) {
  return (
    <div class="alert alert-error" role="alert">
      <strong>Someone else changed this {what} while you were editing it.</strong> Your changes were not saved. Load the latest
      version, then make your changes again.{' '}
      <button type="button" class="button secondary small" onClick={onReload}>
        Load the latest version
      </button>
    </div>
  );
}
