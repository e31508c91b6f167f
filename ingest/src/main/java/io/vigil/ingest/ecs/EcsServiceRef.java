package io.vigil.ingest.ecs;

/** One followed ECS service: its cluster and name, and the Vigil service its events belong to. */
public record EcsServiceRef(String cluster, String service, String vigilService) {

  /** The service's cursor key, {@code <cluster>/<service>}. */
  public String key() {
    return cluster + "/" + service;
  }
}
