/** The words of quiz feedback and hint reveals, kept pure so they can be tested without a page. */

export function verdict(chosen: string, answer: string, labels: Readonly<Record<string, string>>): string {
  const right = labels[answer] ?? answer;
  return chosen === answer
    ? `Right: ${right}.`
    : `Not quite. You chose “${labels[chosen] ?? chosen}”; the answer is “${right}”.`;
}

export function scoreText(right: number, answered: number, total: number): string {
  if (answered === 0) return `${total} questions, none answered yet.`;
  const all = answered === total ? ` All ${total} answered.` : ` ${total - answered} to go.`;
  return `${right} of ${answered} answered right.${all}`;
}

export function hintButtonText(shown: number, total: number): string {
  if (shown >= total) return total === 1 ? 'The hint is shown' : `All ${total} hints shown`;
  return shown === 0 ? `Show a hint (1 of ${total})` : `Show the next hint (${shown + 1} of ${total})`;
}
