/** An action's error sentence, announced as it appears; nothing when there is none. */
export function ErrorLine({ text }: { text: string | null | undefined }) {
  return text ? (
    <p className="error-text" role="alert">
      {text}
    </p>
  ) : null;
}
