package dev.quorum.composer.layout.css;

/** How a picture fills its box: whole and letterboxed ({@code contain}) or filling it, cropped ({@code cover}). */
public enum ObjectFit {
    CONTAIN,
    COVER
}
