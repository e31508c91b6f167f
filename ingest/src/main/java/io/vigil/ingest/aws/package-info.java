/**
 * AWS access for the sources: async SDK clients configured from {@code aws.*} (default region and
 * credential chains, endpoint override, one assumed role per account) and the bridge from SDK
 * futures to Vert.x futures.
 *
 * <p>SDK clients are thread-safe and shared by one source verticle. Calls start on a named worker
 * pool because the SDK may block while resolving credentials; responses are handed back to the
 * verticle's context, so source state is only ever touched on its event loop.
 */
package io.vigil.ingest.aws;
