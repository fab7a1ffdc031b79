package dev.kurz.link;

/** What the redirect path needs to know about a live link. */
public record LinkTarget(long id, String shortCode, String originalUrl) {

}
