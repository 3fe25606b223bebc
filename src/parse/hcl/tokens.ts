/** Token types and tokens of the HCL v1 scanner. */

// Token types, numbered for cheap comparisons in the scanner's hot loop.
export const EOF = 0;
export const ILLEGAL = 1;
export const IDENT = 2;
export const BOOL = 3;
export const NUMBER = 4;
export const FLOAT = 5;
export const STRING = 6;
export const HEREDOC = 7;
export const LBRACE = 8;
export const RBRACE = 9;
export const LBRACK = 10;
export const RBRACK = 11;
export const COMMA = 12;
export const ASSIGN = 13;
export const COLON = 14;
export const PERIOD = 15;
export const ADD = 16;
export const SUB = 17;
export const NULL = 18;

export interface Token {
  type: number;
  start: number;
  end: number;
  /** A line break separates this token from the one before it (drives error recovery). */
  nl: boolean;
  /** A string literal containing a backslash, whose source text differs from its value. */
  escaped: boolean;
  /** The scanner reported an error inside this token; its value is a best effort. */
  bad: boolean;
}
