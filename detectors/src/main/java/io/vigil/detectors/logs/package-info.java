/**
 * Streaming log-template mining: one line at a time, no look-ahead, in a miner per log group.
 *
 * <p>A line is cut at a configured length, split on whitespace, and the variable parts of each token
 * are masked ({@link io.vigil.detectors.logs.LineMasker}: alphanumeric runs holding a digit, paths,
 * URLs, long hex, date words; quoted strings optionally), so {@code blk_-42} reads {@code blk_<*>}.
 * Masked lines that were seen before map straight to their template (a hash lookup: the common case).
 * A new masked line joins the live template of the same length that covers it (equal at every constant
 * position) with the most constants, else starts a template. Templates generalise by evidence, the
 * streaming form of Brain's observation that a variable position takes many values while a constant
 * takes few: each template is filed under every position with that position blanked, and once
 * {@code variableValues} distinct values have appeared at one position among templates equal
 * everywhere else, they merge into one with that position variable (two values suffice when one is
 * masked and the other a word: the position already holds data). In place of Drain's similarity
 * threshold a guard keeps {@code minConstantWords} words constant, so short messages
 * ({@code warning}, {@code boot (command <*>)}) never collapse into one template; a fractional threshold
 * measured worse, blocking templates made mostly of variables. Merges are kept as parent links, so an
 * id handed out earlier resolves to the template it is part of now. Unlike Drain there is no prefix
 * routing by the first tokens: measured on the development samples it forbade generalising a variable
 * first token and cost accuracy. Memory is bounded by {@code maxTemplates} (past it, unmatched lines
 * are counted as overflow, not mined) and {@code maxSignatures}.
 *
 * <p>State is a plain record ({@link io.vigil.detectors.logs.TemplateMinerState}) with a binary mapper;
 * a restored miner continues bit-identically. A miner is not thread-safe; its owner serialises calls.
 */
package io.vigil.detectors.logs;
