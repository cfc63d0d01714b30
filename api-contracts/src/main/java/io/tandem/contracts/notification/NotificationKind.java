package io.tandem.contracts.notification;

/** FOLLOWED: someone followed you; MENTIONED: in a post or comment; LIKED and COMMENTED: your post. */
public enum NotificationKind { FOLLOWED, MENTIONED, LIKED, COMMENTED }
