import type { ButtonHTMLAttributes } from 'react';

/**
 * A button that cannot be pressed just now (a save under way, nothing to save yet) but keeps its
 * place in the keyboard's path: `disabled` would drop the focus of the person who just pressed it
 * to the top of the page. Screen readers hear it as unavailable (aria-disabled); a press, or Enter
 * in its form, does nothing.
 */
export function HeldButton({
  held,
  onClick,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { held: boolean }) {
  return (
    <button
      {...rest}
      type={type}
      aria-disabled={held || undefined}
      onClick={(e) => {
        if (held) e.preventDefault();
        else onClick?.(e);
      }}
    />
  );
}
