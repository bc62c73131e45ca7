/**
 * Splits `total` shares into `rounds` whole quantities that sum to `total` exactly and differ by at most 1.
 * Round i gets floor((i+1)·total/N) − floor(i·total/N): the larger rounds are spread evenly through the
 * sequence (Bresenham), so 3 shares in 10 rounds land in rounds 4, 7 and 10, not in the first three.
 * Integer arithmetic only; the seed's float accumulator could drop a share.
 */
export function splitRounds(total: number, rounds: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total must be a whole number >= 0: ${total}`);
  if (!Number.isSafeInteger(rounds) || rounds < 1)
    throw new RangeError(`rounds must be a whole number >= 1: ${rounds}`);
  const out: number[] = [];
  let placed = 0;
  for (let i = 1; i <= rounds; i++) {
    // total * i stays exact: total is a share count and rounds is small.
    const upTo = Math.floor((total * i) / rounds);
    out.push(upTo - placed);
    placed = upTo;
  }
  return out;
}
