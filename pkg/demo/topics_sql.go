package demo

var sqlTopics = []topic{
	{
		components: []string{"sales_fact", "web_logs", "orders_daily"},
		tags:       []string{"hive", "tez", "oom"},
		subject: text{
			en: "Hive query on {c} fails with OutOfMemoryError on Tez",
			ja: "{c} テーブルへの Hive クエリが Tez 実行時に OutOfMemoryError で失敗する",
			ko: "{c} 테이블에 대한 Hive 쿼리가 Tez 실행 중 OutOfMemoryError로 실패합니다",
		},
		body: text{
			en: "A daily aggregation query on table {c} has failed three nights in a row. It ran fine until the table grew past 2 billion rows last week. The Tez DAG fails in Map 1 with a Java heap space error.",
			ja: "{c} テーブルに対する日次集計クエリが 3 日連続で失敗しています。先週テーブルが 20 億行を超えるまでは正常に動作していました。Tez の DAG が Map 1 で Java heap space エラーになります。",
			ko: "{c} 테이블에 대한 일일 집계 쿼리가 3일 연속으로 실패하고 있습니다. 지난주 테이블이 20억 건을 넘기 전까지는 정상적으로 실행되었습니다. Tez DAG가 Map 1 단계에서 Java heap space 오류로 실패합니다.",
		},
		log: "{ts} ERROR tez.TezProcessor: java.lang.OutOfMemoryError: Java heap space\n\tat org.apache.hadoop.hive.ql.exec.GroupByOperator.processHashAggr(GroupByOperator.java:786)\nVertex failed, vertexName=Map 1, vertexId=vertex_1712345678901_0042_1_00, diagnostics=[Task failed, taskId=task_1712345678901_0042_1_00_000017]",
		fix: text{
			en: "The map-side aggregation hash table outgrows the 4 GB container. Set hive.tez.container.size=8192 and hive.tez.java.opts=-Xmx6553m, and lower hive.map.aggr.hash.percentmemory to 0.3 for this query; the hash table is then flushed before the heap fills.",
			ja: "マップ側集約のハッシュテーブルが 4 GB のコンテナに収まらなくなっています。このクエリでは hive.tez.container.size=8192、hive.tez.java.opts=-Xmx6553m を設定し、hive.map.aggr.hash.percentmemory を 0.3 に下げてください。ヒープが埋まる前にハッシュテーブルがフラッシュされるようになります。",
			ko: "맵 측 집계 해시 테이블이 4 GB 컨테이너에 들어가지 않게 되었습니다. 이 쿼리에 hive.tez.container.size=8192, hive.tez.java.opts=-Xmx6553m을 설정하고 hive.map.aggr.hash.percentmemory를 0.3으로 낮춰 주십시오. 힙이 가득 차기 전에 해시 테이블이 플러시됩니다.",
		},
	},
	{
		components: []string{"sales_fact", "customer_dim", "clickstream"},
		tags:       []string{"impala", "performance", "stats"},
		subject: text{
			en: "Impala queries on {c} became slow after the upgrade",
			ja: "アップグレード後に {c} への Impala クエリが遅くなった",
			ko: "업그레이드 후 {c} 테이블에 대한 Impala 쿼리가 느려졌습니다",
		},
		body: text{
			en: "Since the upgrade last weekend, BI dashboard queries that join {c} take four minutes instead of ten seconds. Nothing changed in the queries or the data volume.",
			ja: "先週末のアップグレード以降、{c} を結合する BI ダッシュボードのクエリが 10 秒から 4 分に遅くなりました。クエリやデータ量は変わっていません。",
			ko: "지난 주말 업그레이드 이후 {c} 테이블을 조인하는 BI 대시보드 쿼리가 10초에서 4분으로 느려졌습니다. 쿼리나 데이터 양에는 변화가 없습니다.",
		},
		log: "WARNINGS: Tables missing stats: analytics.{c}\nQuery Timeline: Planning finished: 1s203ms, Rows available: 4m12s\nHASH_JOIN_NODE (id=3): join op: INNER JOIN (BROADCAST), build rows: 1.21B",
		fix: text{
			en: "The upgrade recreated the metastore entries of {c} without statistics, so the planner broadcasts the large side of the join. Run `COMPUTE STATS analytics.{c};` (COMPUTE INCREMENTAL STATS for partitioned tables) and the plan goes back to a partitioned join.",
			ja: "アップグレード時に {c} のメタストア情報が統計情報なしで再作成されたため、プランナーが結合の大きい側をブロードキャストしています。`COMPUTE STATS analytics.{c};`(パーティション表の場合は COMPUTE INCREMENTAL STATS)を実行すると、パーティション結合のプランに戻ります。",
			ko: "업그레이드 과정에서 {c}의 메타스토어 정보가 통계 없이 재생성되어, 플래너가 조인의 큰 쪽 테이블을 브로드캐스트하고 있습니다. `COMPUTE STATS analytics.{c};`(파티션 테이블은 COMPUTE INCREMENTAL STATS)를 실행하면 파티션 조인 플랜으로 돌아갑니다.",
		},
	},
	{
		components: []string{"/data/events", "/data/iot/raw", "/data/sales/parquet"},
		tags:       []string{"drill", "parquet"},
		subject: text{
			en: "Drill query on {c} fails with DATA_READ ERROR",
			ja: "{c} への Drill クエリが DATA_READ ERROR で失敗する",
			ko: "{c}에 대한 Drill 쿼리가 DATA_READ ERROR로 실패합니다",
		},
		body: text{
			en: "Drill queries on the Parquet files under {c} fail as soon as they touch the timestamp column. Spark reads the same files without problems. The files are written by a new Spark 3.3 pipeline.",
			ja: "{c} 配下の Parquet ファイルに対する Drill のクエリが、タイムスタンプ列を参照した時点で失敗します。同じファイルは Spark からは問題なく読み込めます。ファイルは新しい Spark 3.3 のパイプラインで出力しています。",
			ko: "{c} 아래의 Parquet 파일에 대한 Drill 쿼리가 타임스탬프 컬럼을 참조하는 순간 실패합니다. 같은 파일을 Spark에서는 문제없이 읽을 수 있습니다. 파일은 새로 구축한 Spark 3.3 파이프라인에서 생성하고 있습니다.",
		},
		log: "Error: DATA_READ ERROR: Error reading page data\nFile: {c}/part-00017-3f2a.snappy.parquet\nColumn: event_ts\nFragment: 2:4\n[Error Id: 4c1d2e9a-7b51-4f0e-9a4d-0d2f8c6b1e33 on node05:31010]",
		fix: text{
			en: "The new pipeline writes event_ts as INT96, which this Drill version reads only when told to. Run ALTER SYSTEM SET `store.parquet.reader.int96_as_timestamp` = true, or have Spark write TIMESTAMP_MICROS with spark.sql.parquet.outputTimestampType.",
			ja: "新しいパイプラインは event_ts を INT96 で出力しており、この Drill のバージョンでは明示的に指定した場合のみ読み込めます。ALTER SYSTEM SET `store.parquet.reader.int96_as_timestamp` = true を実行するか、Spark 側で spark.sql.parquet.outputTimestampType を TIMESTAMP_MICROS に設定してください。",
			ko: "새 파이프라인이 event_ts를 INT96 형식으로 기록하고 있으며, 이 Drill 버전은 명시적으로 설정한 경우에만 이를 읽을 수 있습니다. ALTER SYSTEM SET `store.parquet.reader.int96_as_timestamp` = true를 실행하거나, Spark에서 spark.sql.parquet.outputTimestampType을 TIMESTAMP_MICROS로 설정해 주십시오.",
		},
	},
	{
		components: []string{"hs2-01", "hs2-02"},
		tags:       []string{"hive", "hiveserver2", "metastore"},
		subject: text{
			en: "Beeline connections to {c} time out with \"Read timed out\"",
			ja: "{c} への Beeline 接続が「Read timed out」でタイムアウトする",
			ko: "{c}에 대한 Beeline 연결이 \"Read timed out\" 오류로 시간 초과됩니다",
		},
		body: text{
			en: "During the morning batch window, about half of the Beeline and JDBC connections to HiveServer2 on {c} time out. Outside the batch window connections work. The Metastore CPU is high at the same time.",
			ja: "朝のバッチ時間帯に、{c} の HiveServer2 への Beeline および JDBC 接続の約半数がタイムアウトします。バッチ時間帯以外は正常に接続できます。同じ時間帯に Metastore の CPU 使用率が高くなっています。",
			ko: "아침 배치 시간대에 {c}의 HiveServer2에 대한 Beeline 및 JDBC 연결 중 약 절반이 시간 초과됩니다. 배치 시간대 이외에는 정상적으로 연결됩니다. 같은 시간대에 Metastore의 CPU 사용률이 높습니다.",
		},
		log: "Error: Could not open client transport with JDBC Uri: jdbc:hive2://{c}:10000/default;principal=hive/_HOST@CORP.EXAMPLE.COM: java.net.SocketTimeoutException: Read timed out\n{ts} WARN  metastore.HiveMetaStore: Thread pool exhausted: 500 of 500 handler threads in use",
		fix: text{
			en: "All 500 Metastore handler threads are busy during the batch window, mostly listing partitions of very large tables. Raise hive.metastore.server.max.threads to 1000, raise max_connections of the Metastore's MySQL database to match, and set hive.metastore.try.direct.sql=true so partition listings are faster.",
			ja: "バッチ時間帯に Metastore の 500 個のハンドラスレッドがすべて使用中になっており、その多くは大きなテーブルのパーティション一覧取得です。hive.metastore.server.max.threads を 1000 に増やし、Metastore の MySQL の max_connections もそれに合わせて増やしてください。また hive.metastore.try.direct.sql=true を設定すると、パーティション一覧の取得が高速になります。",
			ko: "배치 시간대에 Metastore 핸들러 스레드 500개가 모두 사용 중이며, 대부분 대용량 테이블의 파티션 목록 조회입니다. hive.metastore.server.max.threads를 1000으로 늘리고 Metastore MySQL의 max_connections도 그에 맞게 늘려 주십시오. 또한 hive.metastore.try.direct.sql=true를 설정하면 파티션 목록 조회가 빨라집니다.",
		},
	},
	{
		components: []string{"sales.orders_acid", "crm.contacts", "ops.audit_log"},
		tags:       []string{"hive", "acid", "compaction"},
		subject: text{
			en: "Compaction of {c} stays in \"working\" state",
			ja: "{c} のコンパクションが working 状態のまま進まない",
			ko: "{c}의 컴팩션이 working 상태에서 진행되지 않습니다",
		},
		body: text{
			en: "A major compaction of the ACID table {c} has shown state \"working\" for two days. Delta directories keep piling up and queries on the table get slower every day.",
			ja: "ACID テーブル {c} のメジャーコンパクションが 2 日間「working」状態のままです。デルタディレクトリが増え続け、テーブルへのクエリが日ごとに遅くなっています。",
			ko: "ACID 테이블 {c}의 메이저 컴팩션이 이틀째 \"working\" 상태로 남아 있습니다. 델타 디렉터리가 계속 늘어나고 있으며 테이블에 대한 쿼리가 날마다 느려지고 있습니다.",
		},
		log: "SHOW COMPACTIONS;\n| {c} | dt={day} | MAJOR | working | hs2-01-41 |\n{ts} ERROR compactor.Worker: Caught exception while trying to compact id:8812: java.io.IOException: Lock wait timeout exceeded",
		fix: text{
			en: "The compaction worker on hs2-01 died while holding its lock, and the Metastore never timed the entry out. Mark it failed with `ABORT COMPACTIONS 8812;` (or restart the Metastore), then start it again with `ALTER TABLE {c} PARTITION (dt='{day}') COMPACT 'major';`.",
			ja: "hs2-01 のコンパクションワーカーがロックを保持したまま停止し、Metastore 側でタイムアウトしていませんでした。`ABORT COMPACTIONS 8812;` で失敗扱いにする(または Metastore を再起動する)うえで、`ALTER TABLE {c} PARTITION (dt='{day}') COMPACT 'major';` で再実行してください。",
			ko: "hs2-01의 컴팩션 워커가 락을 보유한 채 중단되었고, Metastore에서 해당 항목이 시간 초과 처리되지 않았습니다. `ABORT COMPACTIONS 8812;`로 실패 처리(또는 Metastore 재시작)한 후 `ALTER TABLE {c} PARTITION (dt='{day}') COMPACT 'major';`로 다시 실행해 주십시오.",
		},
	},
	{
		components: []string{"node03", "node08", "node15"},
		tags:       []string{"impala", "kerberos"},
		subject: text{
			en: "impalad on {c} fails to start after keytab rotation",
			ja: "キータブ更新後に {c} の impalad が起動しない",
			ko: "키탭 교체 후 {c}의 impalad가 시작되지 않습니다",
		},
		body: text{
			en: "Our security team rotated the service keytabs yesterday. Since then impalad on {c} exits right after start; the other daemons on the node run normally.",
			ja: "昨日セキュリティチームがサービス用キータブを更新しました。それ以降、{c} の impalad が起動直後に終了します。同じノード上のほかのデーモンは正常に動作しています。",
			ko: "어제 보안팀에서 서비스 키탭을 교체했습니다. 그 이후 {c}의 impalad가 시작 직후 종료됩니다. 같은 노드의 다른 데몬은 정상적으로 동작합니다.",
		},
		log: "{ts} E0412 impalad: Could not init kerberos: Runtime error: unable to kinit: kinit: Password incorrect while getting initial credentials\n$ klist -kt /opt/mapr/conf/impala.keytab | tail -1\n   3 impala/{c}.example.local@CORP.EXAMPLE.COM",
		fix: text{
			en: "The KDC has key version 4 of impala/{c}, but the keytab on the node holds version 3: it was exported before the principal was re-keyed. Export it again with `ktadd -norandkey` (or copy the new keytab), check with `kvno`, and restart impalad.",
			ja: "KDC 上の impala/{c} のキーバージョンは 4 ですが、ノード上のキータブはバージョン 3 のままです。プリンシパルの鍵更新前にキータブをエクスポートしたためです。`ktadd -norandkey` で再エクスポート(または新しいキータブをコピー)し、`kvno` で確認してから impalad を再起動してください。",
			ko: "KDC의 impala/{c} 키 버전은 4이지만 노드의 키탭은 버전 3입니다. 프린시펄 키가 갱신되기 전에 키탭을 내보냈기 때문입니다. `ktadd -norandkey`로 다시 내보내거나 새 키탭을 복사한 후 `kvno`로 확인하고 impalad를 재시작해 주십시오.",
		},
	},
	{
		components: []string{"7.4.1", "7.5.0"},
		tags:       []string{"hive", "llap", "how-to"},
		question:   true,
		versioned:  true,
		subject: text{
			en: "Is Hive LLAP supported on release {c}?",
			ja: "リリース {c} で Hive LLAP はサポートされていますか",
			ko: "릴리스 {c}에서 Hive LLAP가 지원됩니까?",
		},
		body: text{
			en: "We are planning interactive BI on Hive and would like to know whether LLAP is supported on release {c}, and if not, what you recommend for sub-second queries.",
			ja: "Hive 上でのインタラクティブな BI 利用を計画しています。リリース {c} で LLAP がサポートされているか、サポートされていない場合は 1 秒未満の応答が必要なクエリに何を推奨されるか教えてください。",
			ko: "Hive 기반의 대화형 BI 도입을 계획하고 있습니다. 릴리스 {c}에서 LLAP가 지원되는지, 지원되지 않는다면 1초 미만의 응답이 필요한 쿼리에 어떤 방법을 권장하시는지 알려 주십시오.",
		},
		log: "$ grep -A1 hive.execution.engine /opt/mapr/hive/hive-3.1.3/conf/hive-site.xml\n  <name>hive.execution.engine</name>\n  <value>tez</value>",
		fix: text{
			en: "LLAP is not supported on release {c}. For interactive queries we recommend Impala or Drill on the same tables; Hive on Tez with container reuse (tez.am.container.reuse.enabled=true) and hive.prewarm.enabled also cuts start-up time.",
			ja: "リリース {c} では LLAP はサポート対象外です。インタラクティブなクエリには、同じテーブルに対して Impala または Drill の利用を推奨します。Hive on Tez のままでも、コンテナ再利用(tez.am.container.reuse.enabled=true)と hive.prewarm.enabled で起動時間を短縮できます。",
			ko: "릴리스 {c}에서는 LLAP를 지원하지 않습니다. 대화형 쿼리에는 같은 테이블에 대해 Impala 또는 Drill 사용을 권장합니다. Hive on Tez를 그대로 사용하는 경우에도 컨테이너 재사용(tez.am.container.reuse.enabled=true)과 hive.prewarm.enabled로 기동 시간을 줄일 수 있습니다.",
		},
	},
}
