package dev.kurz.link;

/**
 * Published inside the transaction that changed a link (creation, update, activation,
 * delete, import); listeners that cache link state act on it after commit.
 *
 * @param shortCode the link's code
 * @param id the link's id, or 0 for a new link (created or imported), whose id named no
 * row before
 */
public record LinkChanged(String shortCode, long id) {

}
