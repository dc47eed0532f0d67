// The review form's star rating: a native radio group (one Tab stop; arrows move and set the value,
// Space sets the focused star), each star a visually hidden radio drawn by its label. Mantine's
// Rating only previews the value on arrows and starts on an invisible "0" radio.
import { IconStar } from '../../components/icons';
import './rating-input.css';

interface Props {
  /** Shared by the radios (a native group). */
  name: string;
  value: number;
  count?: number;
  onChange(value: number): void;
  /** The accessible name of each star ("3 étoiles sur 5"). */
  getSymbolLabel(value: number): string;
  describedBy?: string;
}

/** Stars 1…count as radios; 0 (no star checked) means "not rated yet". */
export function RatingInput({ name, value, count = 5, onChange, getSymbolLabel, describedBy }: Props) {
  return (
    <div className="rating-input">
      {Array.from({ length: count }, (_, index) => {
        const star = index + 1;
        const id = `${name}-${star}`;
        return (
          <span key={star}>
            <input
              type="radio"
              id={id}
              name={name}
              value={star}
              checked={value === star}
              onChange={() => onChange(star)}
              aria-describedby={describedBy}
            />
            <label htmlFor={id} title={getSymbolLabel(star)} data-full={star <= value || undefined}>
              <IconStar size={36} />
              <span className="rating-input-label">{getSymbolLabel(star)}</span>
            </label>
          </span>
        );
      })}
    </div>
  );
}
