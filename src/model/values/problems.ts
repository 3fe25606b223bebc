import type { Place } from './tree.js';

/** A comment the parsers found in a user layer: a YAML comment, or a comment of an embedded config. */
export interface CommentFact {
  /** The comment's text after its marker (`#`, `//`, `/*`). */
  text: string;
  place: Place;
}

/** A syntax problem found while building the model, reported by the `yaml-syntax` and `hcl-syntax` rules. */
export interface SyntaxProblem {
  ruleId: 'yaml-syntax' | 'hcl-syntax';
  messageId: string;
  message: string;
  place: Place;
  /** Other places of the same problem. */
  related?: { place: Place; message: string }[];
}
