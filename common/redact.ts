/**
 * Masks ID numbers and mobile numbers typed into free text (a call's 诉求, findings, notes, reasons)
 * before it is stored or logged: `520302198001010014` -> `520***********0014`, `139-8501-2345` -> `139****2345`.
 */
const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<![0-9A-Za-z])(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?![0-9A-Za-z])/g;

export function redactNumbers(text: string): string {
  return text.replace(ID_IN_TEXT, (_, head: string, tail: string) => `${head}***********${tail.slice(-4)}`).replace(MOBILE_IN_TEXT, '$1****$2');
}
