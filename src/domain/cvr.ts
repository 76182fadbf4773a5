/** CVR-nummer: 8 digits, no leading zero, and the weighted digit sum (2,7,6,5,4,3,2,1) divisible by 11. */
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

export function isValidCvr(value: string): boolean {
  if (!/^[1-9]\d{7}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * WEIGHTS[i]!;
  return sum % 11 === 0;
}
