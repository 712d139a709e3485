package io.chartroom.reconcile.service;

import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A replica's reconciler membership in a process of its own, for {@link ClusterShardsTest} to kill with SIGKILL:
 * joins the group and looks every 200 ms, printing how many clusters it holds. Arguments: JDBC URL, user, password,
 * group, identity, clusters (comma-separated).
 */
final class ShardMember {

    private ShardMember() {
    }

    public static void main(String[] args) throws InterruptedException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        dataSource.setPassword(args[2]);
        ClusterShards shards = new ClusterShards(dataSource, args[3], args[4]);
        List<String> clusters = List.of(args[5].split(","));
        while (true) {
            shards.renew(clusters, cluster -> false, java.util.Optional.empty());
            System.out.println("holds " + shards.owned().size());
            System.out.flush();
            Thread.sleep(200);
        }
    }
}
