/**
 * The CSS subset of the archive API's custom layouts: {@link dev.quorum.composer.layout.css.Stylesheet}
 * parses it (refusing anything outside it with a {@link dev.quorum.composer.layout.css.StylesheetException}
 * naming the rule and property), cascades it over the virtual {@code <archive>} document's
 * {@code <stream>} children, and lays them out into {@link dev.quorum.composer.layout.css.Box}es.
 * Pure Java, independent of the rest of the composer.
 */
package dev.quorum.composer.layout.css;
