package demo

var sparkTopics = []topic{
	{
		components: []string{"daily_sessionize", "fraud_features", "recommendation_train"},
		tags:       []string{"spark", "executor", "oom"},
		subject: text{
			en: "Spark job {c} fails with executor OutOfMemoryError",
			ja: "Spark ジョブ {c} が executor のメモリ不足で失敗する",
			ko: "Spark 작업({c})이 executor 메모리 부족으로 실패합니다",
		},
		body: text{
			en: "The Spark job {c} started failing this week. Executors are lost one after another with OutOfMemoryError during a join stage and the job aborts after four attempts.",
			ja: "今週から Spark ジョブ {c} が失敗するようになりました。結合ステージで executor が OutOfMemoryError により次々と失われ、4 回の試行後にジョブが中断されます。",
			ko: "이번 주부터 Spark 작업({c})이 실패하기 시작했습니다. 조인 스테이지에서 executor가 OutOfMemoryError로 연이어 유실되고, 4번 시도한 후 작업이 중단됩니다.",
		},
		log: "{ts} ERROR executor.Executor: Exception in task 117.3 in stage 14.0 (TID 5321)\njava.lang.OutOfMemoryError: Java heap space\n\tat org.apache.spark.sql.execution.joins.UnsafeHashedRelation$.apply(HashedRelation.scala:453)\n{ts} ERROR cluster.YarnScheduler: Lost executor 23 on node09: Container killed by YARN for exceeding memory limits.",
		fix: text{
			en: "The planner broadcasts a dimension table that has grown to 2 GB, and every executor builds the hash table in its heap. Set spark.sql.autoBroadcastJoinThreshold=64m (or -1) for {c} so it uses a sort-merge join, and raise spark.executor.memoryOverhead to 2g.",
			ja: "2 GB まで増えたディメンションテーブルがブロードキャストされ、各 executor のヒープ上でハッシュテーブルが作成されています。{c} では spark.sql.autoBroadcastJoinThreshold=64m(または -1)を設定してソートマージ結合にし、spark.executor.memoryOverhead を 2g に増やしてください。",
			ko: "2 GB까지 커진 디멘션 테이블이 브로드캐스트되어 각 executor의 힙에 해시 테이블이 생성되고 있습니다. {c} 작업에 spark.sql.autoBroadcastJoinThreshold=64m(또는 -1)을 설정하여 소트 머지 조인을 사용하도록 하고, spark.executor.memoryOverhead를 2g으로 늘려 주십시오.",
		},
	},
	{
		components: []string{"nightly_etl", "ml_feature_build", "log_compaction"},
		tags:       []string{"spark", "shuffle"},
		subject: text{
			en: "Spark stages of {c} keep retrying with FetchFailedException",
			ja: "{c} の Spark ステージが FetchFailedException で再試行を繰り返す",
			ko: "{c}의 Spark 스테이지가 FetchFailedException으로 재시도를 반복합니다",
		},
		body: text{
			en: "Job {c} takes three times longer than usual because shuffle stages are retried again and again. All fetch failures point to the same node.",
			ja: "シャッフルステージの再試行が繰り返されるため、ジョブ {c} の処理時間が通常の 3 倍になっています。フェッチ失敗はすべて同じノードを指しています。",
			ko: "셔플 스테이지 재시도가 반복되어 작업({c})의 처리 시간이 평소의 3배로 늘었습니다. 페치 실패는 모두 같은 노드를 가리킵니다.",
		},
		log: "org.apache.spark.shuffle.FetchFailedException: Failed to connect to node14.example.local/10.20.4.14:7337\nCaused by: java.io.IOException: Connection reset by peer\n{ts} WARN  scheduler.TaskSetManager: Lost task 41.0 in stage 9.0 (TID 2210, node06, executor 12): FetchFailed(BlockManagerId(31, node14.example.local, 7337, None), shuffleId=3, mapIndex=88, reduceId=41)",
		fix: text{
			en: "The external shuffle service on node14 restarts whenever the health check restarts its NodeManager, and the NIC of node14 shows CRC errors. Have the NIC or cable replaced; until then set spark.shuffle.io.maxRetries=10 and spark.shuffle.io.retryWait=30s for {c}.",
			ja: "node14 の外部シャッフルサービスがヘルスチェックによる NodeManager の再起動のたびに再起動しており、さらに node14 の NIC で CRC エラーが発生しています。NIC またはケーブルを交換してください。それまでは {c} に spark.shuffle.io.maxRetries=10 と spark.shuffle.io.retryWait=30s を設定してください。",
			ko: "node14의 외부 셔플 서비스가 헬스 체크로 NodeManager가 재시작될 때마다 함께 재시작되고 있으며, node14의 NIC에서 CRC 오류도 발생하고 있습니다. NIC 또는 케이블을 교체해 주십시오. 그 전까지는 {c} 작업에 spark.shuffle.io.maxRetries=10과 spark.shuffle.io.retryWait=30s를 설정해 주십시오.",
		},
	},
	{
		components: []string{"clickstream_ingest", "iot_telemetry", "payments_stream"},
		tags:       []string{"spark", "structured-streaming", "checkpoint"},
		subject: text{
			en: "Structured Streaming query {c} cannot restart from its checkpoint",
			ja: "Structured Streaming クエリ {c} がチェックポイントから再開できない",
			ko: "Structured Streaming 쿼리({c})가 체크포인트에서 재시작되지 않습니다",
		},
		body: text{
			en: "After a planned restart, the streaming query {c} fails immediately while loading its state store. Starting with a new checkpoint would reprocess several days of Kafka data, which we want to avoid.",
			ja: "計画停止後にストリーミングクエリ {c} を再開したところ、ステートストアの読み込み中にすぐ失敗します。新しいチェックポイントで開始すると数日分の Kafka データを再処理することになるため、避けたいと考えています。",
			ko: "계획된 재시작 후 스트리밍 쿼리({c})가 상태 저장소를 로드하는 중에 바로 실패합니다. 새 체크포인트로 시작하면 며칠 분량의 Kafka 데이터를 재처리해야 하므로 피하고 싶습니다.",
		},
		log: "{ts} ERROR streaming.MicroBatchExecution: Query {c} [id = 5b0e8c1d-2f44-4a9e-b1c7-9d3e0f6a2b18] terminated with error\njava.lang.IllegalStateException: Error reading delta file maprfs:///checkpoints/{c}/state/0/12/1843.delta of HDFSStateStoreProvider[id = (op=0,part=12)]: file does not exist",
		fix: text{
			en: "A retention job that purges files older than seven days under /checkpoints deleted delta files the state store still needs. Exclude /checkpoints/{c} from the purge, restore 1843.delta from the volume snapshot, and restart the query; it resumes from the last committed batch.",
			ja: "/checkpoints 配下の 7 日より古いファイルを削除する保守ジョブが、ステートストアでまだ必要なデルタファイルを削除していました。/checkpoints/{c} を削除対象から除外し、ボリュームのスナップショットから 1843.delta を復元してからクエリを再開してください。最後にコミットされたバッチから処理が再開されます。",
			ko: "/checkpoints 아래의 7일 지난 파일을 삭제하는 유지보수 작업이 상태 저장소에 아직 필요한 델타 파일을 삭제했습니다. /checkpoints/{c} 디렉터리를 삭제 대상에서 제외하고 볼륨 스냅숏에서 1843.delta를 복원한 후 쿼리를 재시작해 주십시오. 마지막으로 커밋된 배치부터 처리가 재개됩니다.",
		},
	},
	{
		components: []string{"fraud_scoring", "iot_telemetry", "session_tracker"},
		tags:       []string{"spark", "kerberos", "token"},
		subject: text{
			en: "Long-running Spark job {c} fails after 7 days: delegation token expired",
			ja: "長時間実行の Spark ジョブ {c} が 7 日後に delegation token の期限切れで失敗する",
			ko: "장시간 실행되는 Spark 작업({c})이 7일 후 delegation token 만료로 실패합니다",
		},
		body: text{
			en: "The streaming job {c} runs on a Kerberized cluster and always dies about seven days after it is started. Restarting it works for another week.",
			ja: "Kerberos 環境で実行しているストリーミングジョブ {c} が、起動から約 7 日後に必ず停止します。再起動すればさらに 1 週間は動作します。",
			ko: "Kerberos 환경에서 실행 중인 스트리밍 작업({c})이 시작 후 약 7일이 지나면 항상 중단됩니다. 재시작하면 다시 일주일 동안은 동작합니다.",
		},
		log: "{ts} ERROR yarn.ApplicationMaster: User class threw exception: org.apache.hadoop.security.token.SecretManager$InvalidToken: token (HDFS_DELEGATION_TOKEN token 48211 for etl) is expired",
		fix: text{
			en: "The job was submitted with a ticket cache, so Spark cannot obtain new tokens when the 7-day maximum lifetime is reached. Submit {c} with `--principal etl@CORP.EXAMPLE.COM --keytab /home/etl/etl.keytab`; Spark then renews and re-obtains tokens by itself.",
			ja: "ジョブがチケットキャッシュで投入されているため、最大有効期間の 7 日に達した時点で Spark が新しいトークンを取得できません。{c} を `--principal etl@CORP.EXAMPLE.COM --keytab /home/etl/etl.keytab` を指定して投入してください。Spark が自動的にトークンを更新・再取得するようになります。",
			ko: "작업이 티켓 캐시로 제출되어 최대 유효 기간인 7일에 도달하면 Spark가 새 토큰을 받을 수 없습니다. {c} 작업을 `--principal etl@CORP.EXAMPLE.COM --keytab /home/etl/etl.keytab` 옵션으로 제출해 주십시오. 그러면 Spark가 토큰을 자동으로 갱신하고 재발급받습니다.",
		},
	},
	{
		components: []string{"customer_360", "orders_enrich", "ad_attribution"},
		tags:       []string{"spark", "spark-sql", "performance", "skew"},
		subject: text{
			en: "Spark SQL job {c}: one task runs for hours (data skew)",
			ja: "Spark SQL ジョブ {c} で一部のタスクだけが数時間終わらない(データスキュー)",
			ko: "Spark SQL 작업({c})에서 일부 태스크만 몇 시간째 끝나지 않습니다 (데이터 스큐)",
		},
		body: text{
			en: "In job {c}, 199 of the 200 tasks of the join stage finish in a few minutes, but the last one runs for three to four hours. The job now misses its SLA every morning.",
			ja: "ジョブ {c} の結合ステージで、200 タスク中 199 タスクは数分で完了しますが、残りの 1 タスクだけが 3〜4 時間かかります。そのため毎朝ジョブの SLA を守れていません。",
			ko: "작업({c})의 조인 스테이지에서 200개 태스크 중 199개는 몇 분 안에 끝나지만 마지막 1개가 3~4시간 동안 실행됩니다. 이 때문에 매일 아침 작업 SLA를 지키지 못하고 있습니다.",
		},
		log: "Stage 22 (SortMergeJoin at {c}.scala:118): 199/200 tasks succeeded\nTask 187: RUNNING 3.4 h, Shuffle Read 38.2 GB / 412M records (median task: 180 MB / 1.9M records)",
		fix: text{
			en: "About 10% of the rows have customer_id = 0 (unknown), and they all land in one partition. Turn on adaptive skew handling with spark.sql.adaptive.enabled=true and spark.sql.adaptive.skewJoin.enabled=true, or filter the unknown key out and join it separately.",
			ja: "全体の約 10% の行で customer_id = 0(不明)となっており、それらがすべて 1 つのパーティションに集中しています。spark.sql.adaptive.enabled=true と spark.sql.adaptive.skewJoin.enabled=true でスキュー結合の自動最適化を有効にするか、不明キーを除外して別途結合してください。",
			ko: "전체 행의 약 10%가 customer_id = 0(알 수 없음)이며 모두 하나의 파티션에 몰려 있습니다. spark.sql.adaptive.enabled=true와 spark.sql.adaptive.skewJoin.enabled=true로 스큐 조인 자동 최적화를 활성화하거나, 알 수 없는 키를 제외하고 별도로 조인해 주십시오.",
		},
	},
	{
		components: []string{"hist-01", "hist-02"},
		tags:       []string{"spark", "history-server"},
		subject: text{
			en: "Spark History Server on {c} does not list new applications",
			ja: "{c} の Spark History Server に新しいアプリケーションが表示されない",
			ko: "{c}의 Spark History Server에 새 애플리케이션이 표시되지 않습니다",
		},
		body: text{
			en: "Since Monday the Spark History Server on {c} shows no application that finished after the weekend, although the event log files exist in the event log directory.",
			ja: "月曜日以降、{c} の Spark History Server に週末以降に終了したアプリケーションが表示されません。イベントログのディレクトリにはファイルが存在しています。",
			ko: "월요일부터 {c}의 Spark History Server에 주말 이후 종료된 애플리케이션이 표시되지 않습니다. 이벤트 로그 디렉터리에는 파일이 존재합니다.",
		},
		log: "{ts} WARN  history.FsHistoryProvider: Error while reading new log maprfs:///apps/spark/eventlogs/application_1712345678901_0077\norg.apache.hadoop.security.AccessControlException: Permission denied: user=mapr, access=READ, inode=\"/apps/spark/eventlogs/application_1712345678901_0077\":svc_ml:svc_ml:-rwxrwx---",
		fix: text{
			en: "Event logs are written with mode 770, owned by the submitting user and its primary group. The new job user svc_ml has a group the History Server user (mapr) is not in. Add mapr to that group on {c} and restart the History Server; it picks the logs up on its next scan.",
			ja: "イベントログはモード 770 で、投入ユーザーとそのプライマリグループの所有として作成されます。新しいジョブユーザー svc_ml のグループに History Server の実行ユーザー(mapr)が含まれていません。{c} で mapr をそのグループに追加して History Server を再起動すると、次回のスキャンでログが読み込まれます。",
			ko: "이벤트 로그는 모드 770으로, 제출한 사용자와 그 기본 그룹의 소유로 생성됩니다. 새 작업 사용자 svc_ml의 그룹에 History Server 실행 사용자(mapr)가 포함되어 있지 않습니다. {c}에서 mapr 사용자를 해당 그룹에 추가하고 History Server를 재시작하면 다음 스캔 때 로그를 읽어 들입니다.",
		},
	},
	{
		components: []string{"9.1.2", "9.2.0"},
		tags:       []string{"spark", "mep", "how-to"},
		question:   true,
		subject: text{
			en: "Which Spark version ships with MEP {c}?",
			ja: "MEP {c} に含まれる Spark のバージョンを教えてください",
			ko: "MEP {c}에 포함된 Spark 버전을 알려 주십시오",
		},
		body: text{
			en: "We plan to move to MEP {c} next quarter. Which Spark version does it include, and can Spark 3.3 applications built against our current MEP run unchanged?",
			ja: "来四半期に MEP {c} への移行を予定しています。含まれる Spark のバージョンと、現行の MEP でビルドした Spark 3.3 のアプリケーションが修正なしで動作するかを教えてください。",
			ko: "다음 분기에 MEP {c} 버전으로 이전할 계획입니다. 포함된 Spark 버전과, 현재 MEP에서 빌드한 Spark 3.3 애플리케이션이 수정 없이 동작하는지 알려 주십시오.",
		},
		log: "$ rpm -qa | grep mapr-spark\nmapr-spark-3.3.2.0.202305161529-1.noarch",
		fix: text{
			en: "MEP {c} ships Spark 3.3.2 with our patches, binary compatible with the Spark 3.3 of your current MEP. Rebuilding is not required, but run your regression suite: some spark.sql.legacy defaults differ between the releases, as listed in the MEP release notes.",
			ja: "MEP {c} には当社のパッチを適用した Spark 3.3.2 が含まれており、現行 MEP の Spark 3.3 とバイナリ互換です。再ビルドは不要ですが、リリース間で spark.sql.legacy 系の設定の既定値が一部異なるため、回帰テストは実施してください。詳細は MEP のリリースノートに記載されています。",
			ko: "MEP {c}에는 당사 패치가 적용된 Spark 3.3.2가 포함되어 있으며 현재 MEP의 Spark 3.3과 바이너리 호환됩니다. 재빌드는 필요하지 않지만, 릴리스 간 spark.sql.legacy 관련 설정의 기본값이 일부 다르므로 회귀 테스트는 수행해 주십시오. 자세한 내용은 MEP 릴리스 노트에 나와 있습니다.",
		},
	},
}
