package demo

var yarnTopics = []topic{
	{
		components: []string{"prod", "analytics"},
		tags:       []string{"yarn", "resourcemanager", "ha"},
		subject: text{
			en: "Applications hang after YARN ResourceManager failover on the {c} cluster",
			ja: "{c} クラスタで YARN ResourceManager のフェイルオーバー後にアプリケーションが停止する",
			ko: "{c} 클러스터에서 YARN ResourceManager 페일오버 후 애플리케이션이 멈춥니다",
		},
		body: text{
			en: "The active ResourceManager of the {c} cluster failed over to rm2 during a long GC pause. Since then, applications that were running stay in RUNNING with no progress, and new applications stay ACCEPTED.",
			ja: "{c} クラスタのアクティブな ResourceManager が長時間の GC 停止中に rm2 へフェイルオーバーしました。それ以降、実行中だったアプリケーションは RUNNING のまま進まず、新しいアプリケーションは ACCEPTED のままです。",
			ko: "{c} 클러스터의 활성 ResourceManager가 긴 GC 일시 정지 중에 rm2로 페일오버되었습니다. 그 이후 실행 중이던 애플리케이션은 RUNNING 상태에서 진행되지 않고, 새 애플리케이션은 ACCEPTED 상태로 남아 있습니다.",
		},
		log: "{ts} INFO  resourcemanager.ResourceManager: Transitioning to active state\n{ts} ERROR recovery.ZKRMStateStore: Error storing appAttempt: appattempt_1712345678901_0007_000001\norg.apache.zookeeper.KeeperException$ConnectionLossException: KeeperErrorCode = ConnectionLoss for /rmstore/ZKRMStateRoot",
		fix: text{
			en: "The new active RM lost its ZooKeeper session while recovering state, because the 10 s session timeout is shorter than its GC pauses. Raise yarn.resourcemanager.zk-timeout-ms to 60000, give the RM a larger heap with G1GC, and restart both ResourceManagers one after the other.",
			ja: "新しいアクティブ RM が状態の復旧中に ZooKeeper セッションを失っていました。セッションタイムアウト 10 秒が GC 停止時間より短いためです。yarn.resourcemanager.zk-timeout-ms を 60000 に増やし、RM のヒープを拡張して G1GC を使用したうえで、2 台の ResourceManager を順番に再起動してください。",
			ko: "새 활성 RM이 상태 복구 중 ZooKeeper 세션을 잃었습니다. 세션 타임아웃 10초가 GC 일시 정지 시간보다 짧기 때문입니다. yarn.resourcemanager.zk-timeout-ms를 60000으로 늘리고 RM 힙을 확장하여 G1GC를 사용한 뒤, 두 ResourceManager를 차례로 재시작해 주십시오.",
		},
	},
	{
		components: []string{"node04", "node11", "node19"},
		tags:       []string{"yarn", "nodemanager", "disk"},
		subject: text{
			en: "NodeManager on {c} is UNHEALTHY: local-dirs are bad",
			ja: "{c} の NodeManager が UNHEALTHY になる(local-dirs are bad)",
			ko: "{c}의 NodeManager가 UNHEALTHY 상태가 됩니다 (local-dirs are bad)",
		},
		body: text{
			en: "The NodeManager on {c} keeps going UNHEALTHY, so the cluster loses a node's worth of containers. Cleaning /tmp by hand brings it back for a few hours.",
			ja: "{c} の NodeManager が繰り返し UNHEALTHY になり、その分のコンテナが使えなくなっています。/tmp を手動で削除すると数時間は回復します。",
			ko: "{c}의 NodeManager가 반복적으로 UNHEALTHY 상태가 되어 해당 노드의 컨테이너를 사용할 수 없습니다. /tmp를 수동으로 정리하면 몇 시간 동안은 복구됩니다.",
		},
		log: "{ts} WARN  nodemanager.DirectoryCollection: Directory /tmp/hadoop-mapr/nm-local-dir error, used space above threshold of 90.0%, removing from list of valid directories\n{ts} INFO  nodemanager.NodeStatusUpdaterImpl: Node is unhealthy: 1/1 local-dirs are bad: /tmp/hadoop-mapr/nm-local-dir",
		fix: text{
			en: "The localizer cache under /tmp grows without bound, and /tmp sits on a small root partition. Move yarn.nodemanager.local-dirs to the data disks, set yarn.nodemanager.localizer.cache.target-size-mb=20480, and restart the NodeManager on {c}.",
			ja: "/tmp が小さいルートパーティション上にあるため、ローカライザのキャッシュが上限なく増えています。yarn.nodemanager.local-dirs をデータディスクに移し、yarn.nodemanager.localizer.cache.target-size-mb=20480 を設定してから {c} の NodeManager を再起動してください。",
			ko: "/tmp가 작은 루트 파티션에 있어 로컬라이저 캐시가 제한 없이 늘어나고 있습니다. yarn.nodemanager.local-dirs를 데이터 디스크로 옮기고 yarn.nodemanager.localizer.cache.target-size-mb=20480을 설정한 뒤 {c}의 NodeManager를 재시작해 주십시오.",
		},
	},
	{
		components: []string{"nightly_etl", "billing_rollup", "clickstream_agg"},
		tags:       []string{"mapreduce", "shuffle"},
		subject: text{
			en: "MapReduce job {c} fails in shuffle with \"Too many fetch failures\"",
			ja: "MapReduce ジョブ {c} がシャッフル中に「Too many fetch failures」で失敗する",
			ko: "MapReduce 작업({c})이 셔플 단계에서 \"Too many fetch failures\"로 실패합니다",
		},
		body: text{
			en: "Our {c} MapReduce job fails in the reduce phase about one night in three. The failed reducers all report fetch failures from the same few nodes.",
			ja: "MapReduce ジョブ {c} が 3 日に 1 回程度、リデュースフェーズで失敗します。失敗したリデューサーはいずれも同じ数台のノードからのフェッチ失敗を報告しています。",
			ko: "MapReduce 작업({c})이 사흘에 한 번꼴로 리듀스 단계에서 실패합니다. 실패한 리듀서는 모두 같은 몇 대의 노드에서 페치 실패를 보고합니다.",
		},
		log: "{ts} INFO  mapreduce.Job: Task Id : attempt_1712345678901_0315_r_000012_0, Status : FAILED\nError: org.apache.hadoop.mapreduce.task.reduce.Shuffle$ShuffleError: error in shuffle in fetcher#3\nCaused by: java.io.IOException: Exceeded MAX_FAILED_UNIQUE_FETCHES; bailing-out.",
		fix: text{
			en: "The shuffle handler on those nodes ran out of file descriptors (the mapr user has nofile 4096). Raise nofile to 65536 in /etc/security/limits.d, restart the NodeManagers, and set mapreduce.reduce.shuffle.parallelcopies=10 for {c}.",
			ja: "該当ノードのシャッフルハンドラでファイルディスクリプタが枯渇していました(mapr ユーザーの nofile が 4096)。/etc/security/limits.d で nofile を 65536 に増やして NodeManager を再起動し、{c} には mapreduce.reduce.shuffle.parallelcopies=10 を設定してください。",
			ko: "해당 노드의 셔플 핸들러에서 파일 디스크립터가 고갈되었습니다(mapr 사용자의 nofile이 4096). /etc/security/limits.d에서 nofile을 65536으로 늘리고 NodeManager를 재시작한 후, {c} 작업에 mapreduce.reduce.shuffle.parallelcopies=10을 설정해 주십시오.",
		},
	},
	{
		components: []string{"root.etl", "root.adhoc", "root.bi"},
		tags:       []string{"yarn", "capacity-scheduler", "queue"},
		subject: text{
			en: "Applications in queue {c} stay ACCEPTED and never start",
			ja: "キュー {c} のアプリケーションが ACCEPTED のまま開始されない",
			ko: "큐 {c}의 애플리케이션이 ACCEPTED 상태에서 시작되지 않습니다",
		},
		body: text{
			en: "Applications submitted to queue {c} wait in ACCEPTED for hours although the cluster has free memory. Other queues start their applications immediately.",
			ja: "クラスタのメモリには空きがあるにもかかわらず、キュー {c} に投入したアプリケーションが数時間 ACCEPTED のまま待機します。ほかのキューではすぐに開始されます。",
			ko: "클러스터 메모리에 여유가 있는데도 큐 {c}에 제출한 애플리케이션이 몇 시간째 ACCEPTED 상태로 대기합니다. 다른 큐에서는 즉시 시작됩니다.",
		},
		log: "{ts} INFO  capacity.LeafQueue: not starting application as amIfStarted exceeds amLimit\nQueue's AM resource limit exceeded. AM Resource Request = <memory:4096, vCores:1>; Queue Resource Limit for AM = <memory:16384, vCores:1>; Queue AM Resource Usage = <memory:16384, vCores:4>",
		fix: text{
			en: "The queue's maximum-am-resource-percent is 0.1, so only four ApplicationMasters fit. Set yarn.scheduler.capacity.{c}.maximum-am-resource-percent=0.3 in capacity-scheduler.xml and apply it with `yarn rmadmin -refreshQueues`; no restart is needed.",
			ja: "キューの maximum-am-resource-percent が 0.1 のため、ApplicationMaster が 4 つまでしか起動できません。capacity-scheduler.xml で yarn.scheduler.capacity.{c}.maximum-am-resource-percent=0.3 を設定し、`yarn rmadmin -refreshQueues` で反映してください。再起動は不要です。",
			ko: "큐의 maximum-am-resource-percent가 0.1이어서 ApplicationMaster가 4개까지만 실행됩니다. capacity-scheduler.xml에 yarn.scheduler.capacity.{c}.maximum-am-resource-percent=0.3을 설정하고 `yarn rmadmin -refreshQueues`로 적용해 주십시오. 재시작은 필요하지 않습니다.",
		},
	},
	{
		components: []string{"MapReduce", "Tez", "Spark on YARN"},
		tags:       []string{"yarn", "memory", "container"},
		subject: text{
			en: "{c} containers are killed for running beyond physical memory limits",
			ja: "{c} のコンテナが物理メモリ上限超過で強制終了される",
			ko: "{c} 컨테이너가 물리 메모리 한도 초과로 강제 종료됩니다",
		},
		body: text{
			en: "Since we enabled the physical memory check on all NodeManagers, {c} containers are killed several times a day and the tasks retry until the application fails.",
			ja: "全 NodeManager で物理メモリチェックを有効にしてから、{c} のコンテナが 1 日に何度も強制終了され、タスクの再試行を繰り返した末にアプリケーションが失敗します。",
			ko: "모든 NodeManager에서 물리 메모리 검사를 활성화한 이후 {c} 컨테이너가 하루에도 여러 번 강제 종료되며, 태스크 재시도를 반복하다가 애플리케이션이 실패합니다.",
		},
		log: "{ts} INFO  monitor.ContainersMonitorImpl: Container [pid=28817,containerID=container_e12_1712345678901_0423_01_000031] is running 530432000B beyond the 'PHYSICAL' memory limit. Current usage: 4.5 GB of 4 GB physical memory used; 6.3 GB of 8.4 GB virtual memory used. Killing container.",
		fix: text{
			en: "The JVM heap is set to the full container size, leaving no room for off-heap memory. Keep -Xmx at about 80% of the container, for example -Xmx4915m in a 6144 MB container (for Spark, raise spark.executor.memoryOverhead instead).",
			ja: "JVM のヒープがコンテナサイズいっぱいに設定されており、ヒープ外メモリの余地がありません。-Xmx はコンテナの約 80% にしてください。例えばコンテナ 6144 MB に対して -Xmx4915m です(Spark の場合は spark.executor.memoryOverhead を増やしてください)。",
			ko: "JVM 힙이 컨테이너 크기 전체로 설정되어 힙 외부 메모리를 위한 여유가 없습니다. -Xmx는 컨테이너의 약 80%로 설정해 주십시오. 예를 들어 6144 MB 컨테이너에는 -Xmx4915m입니다(Spark의 경우 spark.executor.memoryOverhead를 늘려 주십시오).",
		},
	},
	{
		components: []string{"prod", "analytics", "dev"},
		tags:       []string{"yarn", "log-aggregation"},
		subject: text{
			en: "yarn logs returns nothing for applications on the {c} cluster",
			ja: "{c} クラスタで yarn logs コマンドがアプリケーションのログを取得できない",
			ko: "{c} 클러스터에서 yarn logs 명령으로 애플리케이션 로그를 가져올 수 없습니다",
		},
		body: text{
			en: "After last week's configuration change on the {c} cluster, `yarn logs -applicationId` finds no logs for finished applications, so we cannot debug failed jobs.",
			ja: "先週 {c} クラスタの設定を変更して以降、終了したアプリケーションのログを `yarn logs -applicationId` で取得できず、失敗したジョブを調査できません。",
			ko: "지난주 {c} 클러스터의 설정을 변경한 이후 `yarn logs -applicationId`로 종료된 애플리케이션의 로그를 찾을 수 없어 실패한 작업을 분석할 수 없습니다.",
		},
		log: "$ yarn logs -applicationId application_1712345678901_1184\n{ts} WARN  logaggregation.LogCLIHelpers: /tmp/logs/etl/logs-tfile/application_1712345678901_1184 does not exist.\nCan not find any log file matching the pattern: [ALL] for the application: application_1712345678901_1184",
		fix: text{
			en: "The configuration merge dropped yarn.log-aggregation-enable, so it is back to its default of false. Set it to true in yarn-site.xml on every node and restart the NodeManagers; logs of applications that finish after that are aggregated again.",
			ja: "設定のマージ時に yarn.log-aggregation-enable が消え、既定値の false に戻っていました。全ノードの yarn-site.xml で true に設定して NodeManager を再起動してください。それ以降に終了したアプリケーションのログは再び集約されます。",
			ko: "설정 병합 과정에서 yarn.log-aggregation-enable이 누락되어 기본값인 false로 돌아갔습니다. 모든 노드의 yarn-site.xml에서 true로 설정하고 NodeManager를 재시작해 주십시오. 그 이후에 종료되는 애플리케이션의 로그는 다시 집계됩니다.",
		},
	},
}
