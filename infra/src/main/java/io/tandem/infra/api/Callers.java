package io.tandem.infra.api;

import io.tandem.command.orderentry.OrderEntry;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Turns the authenticated token into the caller the command side checks ownership against. */
final class Callers {

    private Callers() {
    }

    static OrderEntry.Caller of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(Role.ADMIN.authority()::equals);
        return new OrderEntry.Caller(userId(authentication), admin);
    }

    static UserId userId(Authentication authentication) {
        return UserId.of(authentication.getName());
    }
}
