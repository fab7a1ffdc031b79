package dev.kurz.link;

/** The lifecycle state of a link, for features that must respect it (events, stats). */
public enum LinkStatus {

	ACTIVE, INACTIVE, DELETED

}
