package io.chartroom.security.service;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** An identity-provider user none of whose groups maps to a Chartroom role; refused at login. */
public class UnmappedUserException extends OAuth2AuthenticationException {

    private final String username;

    public UnmappedUserException(String username, java.util.Collection<String> groups) {
        super(new OAuth2Error("access_denied", username + " is in no group that Chartroom maps to a role (groups: "
                + groups + "). Ask an administrator to map one of them.", null));
        this.username = username;
    }

    public String username() {
        return username;
    }
}
