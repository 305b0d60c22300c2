/**
 * The FFmpeg engine (bytedeco's LGPL build): demuxing and decoding Matroska recordings, scaling
 * pictures into their cells, mixing audio, and encoding H.264/AAC in MP4 or VP8/Opus in WebM.
 * {@link dev.quorum.composer.engine.CompositionEngine} runs one composition on several threads
 * and frees every FFmpeg structure it allocated before returning.
 */
package dev.quorum.composer.engine;
