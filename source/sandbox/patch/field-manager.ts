import { type FieldError, fieldErrors, invalid } from '../api/status.ts';
import type { PatchType } from './apply-patch.ts';

/** The longest field manager name the server accepts. */
const maxManagerLength = 128;

/**
 * The field manager of a write: the `fieldManager` parameter, else the User-Agent up to its
 * first `/` (`kubectl/v1.33.1 (linux/amd64) …` → `kubectl`), printable characters only.
 */
export function fieldManagerOf(query: URLSearchParams, userAgent: string | undefined): string {
  const named = query.get('fieldManager');
  if (named) return named;
  const prefix = (userAgent ?? '').split('/')[0]!;
  return [...prefix].filter(isPrintable).join('').slice(0, maxManagerLength);
}

function isPrintable(character: string): boolean {
  return !/[\p{C}]/u.test(character) || character === ' ';
}

/**
 * Checks a request's options as the server does (`PatchOptions`, `CreateOptions`,
 * `UpdateOptions`): 422 for an apply without a field manager, `force` on other patches, or a
 * manager name that is too long or unprintable.
 */
export function checkWriteOptions(
  options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions',
  query: URLSearchParams,
  patchType?: PatchType,
): void {
  const errors: FieldError[] = [];
  const manager = query.get('fieldManager') ?? '';
  if (patchType && patchType !== 'apply' && query.has('force')) {
    errors.push(fieldErrors.forbidden('force', 'may not be specified for non-apply patch'));
  }
  if (patchType === 'apply' && manager === '') {
    errors.push(fieldErrors.required('fieldManager', 'is required for apply patch'));
  }
  if (manager.length > maxManagerLength) {
    errors.push({
      type: 'FieldValueTooLong',
      field: 'fieldManager',
      message: `Too long: may not be more than ${maxManagerLength} bytes`,
    });
  }
  [...manager].forEach((character, position) => {
    if (!isPrintable(character)) {
      const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      errors.push(
        fieldErrors.invalid(
          'fieldManager',
          manager,
          `invalid character U+${code} (at position ${position})`,
        ),
      );
    }
  });
  if (errors.length > 0) throw invalid(options, 'meta.k8s.io', '', errors);
}
