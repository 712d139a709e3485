package com.marcnuri.helm;

import com.marcnuri.helm.jni.RepoServerOptions;

/**
 * Starts and stops helm-java's in-process OCI registry (its native library has one for tests). Lives in
 * helm-java's package because the library handle is package-private there.
 */
public final class HelmTestRegistry {

    private HelmTestRegistry() {}

    /** Starts a registry with basic auth; returns its address (host:port). */
    public static String start(String username, String password) {
        return Helm.HelmLibHolder.INSTANCE.RepoOciServerStart(new RepoServerOptions(null, username, password)).out;
    }

    public static void stop(String address) {
        Helm.HelmLibHolder.INSTANCE.RepoServerStop(address);
    }
}
