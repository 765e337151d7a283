package demo

var coreTopics = []topic{
	{
		components: []string{"finance.daily", "logs.archive", "users.home"},
		tags:       []string{"mapr-fs", "mirroring", "dr"},
		subject: text{
			en: "MapR-FS volume mirror of {c} fails with I/O error",
			ja: "MapR-FS ボリューム {c} のミラーリングが失敗する",
			ko: "MapR-FS 볼륨 {c} 미러링이 실패합니다",
		},
		body: text{
			en: "Scheduled mirroring of volume {c} to our DR cluster has failed since last night. The mirror status stays at \"failed\", and starting it by hand with `maprcli volume mirror start -name {c}` fails the same way. Other volumes mirror normally.",
			ja: "DR クラスタへのボリューム {c} の定期ミラーリングが昨夜から失敗しています。ミラーの状態は「failed」のままで、`maprcli volume mirror start -name {c}` で手動実行しても同じエラーになります。他のボリュームのミラーリングは正常です。",
			ko: "어젯밤부터 DR 클러스터로의 볼륨 {c} 정기 미러링이 실패하고 있습니다. 미러 상태가 \"failed\"로 유지되며, `maprcli volume mirror start -name {c}` 명령으로 수동 실행해도 같은 오류가 발생합니다. 다른 볼륨의 미러링은 정상입니다.",
		},
		log: "{ts} ERROR MirrorVolume: mirror of {c} to dr-cluster failed, err=5 (Input/output error)\n{ts} WARN  CLDB: resync of container 2049 from 10.20.3.14:5660 aborted, srcCid=2049 dstCid=71822",
		fix: text{
			en: "The mirror stopped because container 2049 on the source cluster had a stale replica. Check with `maprcli dump containerinfo -ids 2049 -json` that the resync has finished, then restart the mirror with `maprcli volume mirror start -name {c}`.",
			ja: "原因は、ソースクラスタ側のコンテナ 2049 のレプリカが古い状態になっていたことです。`maprcli dump containerinfo -ids 2049 -json` で再同期の完了を確認してから、`maprcli volume mirror start -name {c}` でミラーを再実行してください。",
			ko: "원인은 소스 클러스터의 컨테이너 2049 복제본이 오래된 상태였기 때문입니다. `maprcli dump containerinfo -ids 2049 -json` 명령으로 재동기화가 완료되었는지 확인한 후 `maprcli volume mirror start -name {c}` 명령으로 미러를 다시 실행해 주십시오.",
		},
	},
	{
		components: []string{"cldb01", "cldb02", "cldb03"},
		tags:       []string{"cldb", "failover", "zookeeper"},
		subject: text{
			en: "CLDB on {c} does not become master after failover",
			ja: "フェイルオーバー後に {c} の CLDB がマスターにならない",
			ko: "페일오버 후 {c}의 CLDB가 마스터로 전환되지 않습니다",
		},
		body: text{
			en: "After the master CLDB node was rebooted for kernel patching, the CLDB on {c} has been waiting to become master for more than 20 minutes. `maprcli node cldbmaster` times out and clients cannot mount the cluster.",
			ja: "カーネルパッチ適用のためにマスター CLDB ノードを再起動したところ、{c} の CLDB が 20 分以上マスターにならない状態が続いています。`maprcli node cldbmaster` がタイムアウトし、クライアントからクラスタにアクセスできません。",
			ko: "커널 패치 적용을 위해 마스터 CLDB 노드를 재부팅한 후, {c}의 CLDB가 20분 이상 마스터로 전환되지 않고 있습니다. `maprcli node cldbmaster` 명령이 타임아웃되며 클라이언트에서 클러스터에 접근할 수 없습니다.",
		},
		log: "{ts} INFO  CLDBServer: waiting for ZooKeeper quorum before becoming master\n{ts} ERROR CLDB: KvStore container 1 not available on any valid replica, cannot become master (retry 42)",
		fix: text{
			en: "After the reboot, container 1 (the CLDB's own KvStore) had only one valid copy, on a node whose MFS had not come back. Once MFS was restarted on that node the CLDB on {c} became master. Keep three CLDB nodes and reboot them one at a time, waiting for `maprcli dump cldbstate` to show the new master first.",
			ja: "再起動後、CLDB 自身の KvStore であるコンテナ 1 の有効なレプリカが、MFS が起動していないノード上の 1 つしかありませんでした。そのノードの MFS を再起動したところ、{c} の CLDB がマスターになりました。CLDB ノードは 3 台構成とし、`maprcli dump cldbstate` で新しいマスターを確認してから 1 台ずつ再起動してください。",
			ko: "재부팅 후 CLDB 자체의 KvStore인 컨테이너 1의 유효한 복제본이 MFS가 기동되지 않은 노드에 하나만 남아 있었습니다. 해당 노드의 MFS를 재시작하자 {c}의 CLDB가 마스터로 전환되었습니다. CLDB 노드는 3대로 구성하고, `maprcli dump cldbstate`로 새 마스터를 확인한 후 한 대씩 재부팅해 주십시오.",
		},
	},
	{
		components: []string{"prod", "analytics", "dr"},
		tags:       []string{"hdfs", "namenode", "safemode"},
		subject: text{
			en: "HDFS NameNode on the {c} cluster stays in safe mode after restart",
			ja: "{c} クラスタの HDFS NameNode が再起動後にセーフモードから抜けない",
			ko: "{c} 클러스터의 HDFS NameNode가 재시작 후 세이프 모드에서 벗어나지 않습니다",
		},
		body: text{
			en: "We restarted the NameNode on the {c} cluster after a configuration change. It has been in safe mode for over an hour and all writes fail. `hdfs dfsadmin -safemode get` still reports \"Safe mode is ON\".",
			ja: "設定変更のため {c} クラスタの NameNode を再起動しましたが、1 時間以上セーフモードのままで、書き込みがすべて失敗します。`hdfs dfsadmin -safemode get` では「Safe mode is ON」と表示されたままです。",
			ko: "설정 변경을 위해 {c} 클러스터의 NameNode를 재시작했으나, 1시간 넘게 세이프 모드 상태이며 모든 쓰기 작업이 실패합니다. `hdfs dfsadmin -safemode get` 결과도 계속 \"Safe mode is ON\"으로 표시됩니다.",
		},
		log: "{ts} INFO  hdfs.StateChange: STATE* Safe mode ON.\nThe reported blocks 8812034 needs additional 41210 blocks to reach the threshold 0.9990 of total blocks 8862100.\nThe number of live datanodes 46 has reached the minimum number 0.",
		fix: text{
			en: "Two DataNodes did not report their blocks because each had a failed disk and dfs.datanode.failed.volumes.tolerated is 0. Set it to 1 on those nodes (or replace the disks) and restart them; the NameNode leaves safe mode by itself once the blocks are reported. Then run `hdfs fsck / -list-corruptfileblocks` to confirm no block is lost.",
			ja: "ディスク障害が発生した DataNode が 2 台あり、dfs.datanode.failed.volumes.tolerated が 0 のためブロックレポートが送られていませんでした。該当ノードでこの値を 1 に変更する(またはディスクを交換する)うえで DataNode を再起動すると、ブロックの報告後に NameNode は自動的にセーフモードを抜けます。その後 `hdfs fsck / -list-corruptfileblocks` で欠損ブロックがないことをご確認ください。",
			ko: "디스크 장애가 있는 DataNode 2대가 dfs.datanode.failed.volumes.tolerated 값이 0이어서 블록 리포트를 보내지 못하고 있었습니다. 해당 노드에서 이 값을 1로 변경(또는 디스크 교체)한 후 DataNode를 재시작하면 블록 보고 후 NameNode가 자동으로 세이프 모드를 해제합니다. 이후 `hdfs fsck / -list-corruptfileblocks`로 손실된 블록이 없는지 확인해 주십시오.",
		},
	},
	{
		components: []string{"node07", "node12", "node23"},
		tags:       []string{"mfs", "disk", "storage-pool"},
		subject: text{
			en: "Storage pool on {c} goes offline with disk errors",
			ja: "{c} のストレージプールがディスクエラーでオフラインになる",
			ko: "{c}의 스토리지 풀이 디스크 오류로 오프라인 상태가 됩니다",
		},
		body: text{
			en: "The NODE_ALARM_DISK_FAILURE alarm was raised on {c} this morning and one storage pool is offline. Containers on it are being resynced and cluster write latency has gone up.",
			ja: "本日朝、{c} で NODE_ALARM_DISK_FAILURE アラームが発生し、ストレージプールの 1 つがオフラインになりました。該当プール上のコンテナの再同期が始まっており、クラスタ全体の書き込みレイテンシが上昇しています。",
			ko: "오늘 아침 {c}에서 NODE_ALARM_DISK_FAILURE 알람이 발생하여 스토리지 풀 하나가 오프라인 상태가 되었습니다. 해당 풀의 컨테이너 재동기화가 진행 중이며 클러스터 전체의 쓰기 지연 시간이 증가했습니다.",
		},
		log: "{ts} ERROR mfs: disk /dev/sdf failed with error 5 (Input/output error), marking SP2 offline\n{ts} ERROR mfs: SP2 offline, 412 containers will be resynced from other replicas",
		fix: text{
			en: "`smartctl -a /dev/sdf` on {c} shows pending and reallocated sectors, so the disk is failing. Replace it, remove it with `maprcli disk remove -host {c} -disks /dev/sdf`, then add the new disk with `maprcli disk add`. The other disks of SP2 are healthy and are re-added with it.",
			ja: "{c} で `smartctl -a /dev/sdf` を実行すると代替処理待ちのセクタが多数あり、ディスク障害と判断しました。ディスクを交換し、`maprcli disk remove -host {c} -disks /dev/sdf` で削除したあと、`maprcli disk add` で新しいディスクを追加してください。SP2 のほかのディスクは正常で、同時に再追加されます。",
			ko: "{c}에서 `smartctl -a /dev/sdf`를 실행한 결과 보류 및 재할당 섹터가 다수 확인되어 디스크 장애로 판단됩니다. 디스크를 교체하고 `maprcli disk remove -host {c} -disks /dev/sdf`로 제거한 뒤 `maprcli disk add`로 새 디스크를 추가해 주십시오. SP2의 나머지 디스크는 정상이며 함께 다시 추가됩니다.",
		},
	},
	{
		components: []string{"7.3.0", "7.4.1"},
		tags:       []string{"upgrade", "java"},
		versioned:  true,
		subject: text{
			en: "Rolling upgrade from {c} to 7.5.0 fails on the first CLDB node",
			ja: "{c} から 7.5.0 へのローリングアップグレードが最初の CLDB ノードで失敗する",
			ko: "{c}에서 7.5.0으로의 롤링 업그레이드가 첫 번째 CLDB 노드에서 실패합니다",
		},
		body: text{
			en: "We are upgrading from {c} to 7.5.0 following the rolling upgrade guide. On the first CLDB node the packages install, but configure.sh fails and the warden does not start, so we stopped the upgrade there.",
			ja: "ローリングアップグレード手順書に従い {c} から 7.5.0 へのアップグレードを進めています。最初の CLDB ノードでパッケージのインストールは完了しましたが、configure.sh が失敗して warden が起動しないため、作業を中断しています。",
			ko: "롤링 업그레이드 가이드에 따라 {c}에서 7.5.0으로 업그레이드를 진행하고 있습니다. 첫 번째 CLDB 노드에서 패키지 설치는 완료되었으나 configure.sh가 실패하고 warden이 시작되지 않아 작업을 중단한 상태입니다.",
		},
		log: "{ts} ERROR installer: mapr-core-7.5.0 post-install failed: /opt/mapr/server/configure.sh returned 1\n{ts} ERROR configure.sh: Java 11 or later is required, found 1.8.0_382",
		fix: text{
			en: "Release 7.5.0 requires Java 11, and the node still has Java 8 as its default. Install OpenJDK 11, set JAVA_HOME in /opt/mapr/conf/env_override.sh, rerun `/opt/mapr/server/configure.sh -R` and continue the upgrade with the next node.",
			ja: "7.5.0 には Java 11 が必要ですが、該当ノードの既定の Java が 8 のままでした。OpenJDK 11 をインストールし、/opt/mapr/conf/env_override.sh に JAVA_HOME を設定してから `/opt/mapr/server/configure.sh -R` を再実行し、次のノードのアップグレードに進んでください。",
			ko: "7.5.0에는 Java 11이 필요하지만 해당 노드의 기본 Java가 여전히 8이었습니다. OpenJDK 11을 설치하고 /opt/mapr/conf/env_override.sh에 JAVA_HOME을 설정한 후 `/opt/mapr/server/configure.sh -R` 명령을 다시 실행하고 다음 노드의 업그레이드를 진행해 주십시오.",
		},
	},
	{
		components: []string{"edge01", "edge02", "gateway03"},
		tags:       []string{"kerberos", "security"},
		subject: text{
			en: "maprlogin kerberos fails with \"Clock skew too great\" on {c}",
			ja: "{c} で maprlogin kerberos が「Clock skew too great」で失敗する",
			ko: "{c}에서 maprlogin kerberos가 \"Clock skew too great\" 오류로 실패합니다",
		},
		body: text{
			en: "Since this morning users on {c} cannot get a MapR ticket. `kinit` works, but `maprlogin kerberos` fails, so every job submitted from this edge node fails with an authentication error.",
			ja: "今朝から {c} 上のユーザーが MapR チケットを取得できません。`kinit` は成功しますが `maprlogin kerberos` が失敗するため、このエッジノードから投入したジョブがすべて認証エラーになります。",
			ko: "오늘 아침부터 {c}의 사용자가 MapR 티켓을 발급받지 못하고 있습니다. `kinit`은 성공하지만 `maprlogin kerberos`가 실패하여 이 엣지 노드에서 제출한 모든 작업이 인증 오류로 실패합니다.",
		},
		log: "{ts} ERROR maprlogin: GSS initiate failed: Clock skew too great (37)\nCaused by: KrbException: Clock skew too great (37) - PROCESS_TGS\n\tat sun.security.krb5.KrbTgsRep.<init>(KrbTgsRep.java:73)",
		fix: text{
			en: "The clock of {c} was seven minutes ahead of the KDC because chronyd had been disabled during an OS update. Start and enable chronyd (`systemctl enable --now chronyd`), check the offset with `chronyc tracking`, then run `maprlogin kerberos` again.",
			ja: "OS 更新時に chronyd が無効化されており、{c} の時刻が KDC より 7 分進んでいました。`systemctl enable --now chronyd` で chronyd を起動・有効化し、`chronyc tracking` でずれが解消したことを確認してから、再度 `maprlogin kerberos` を実行してください。",
			ko: "OS 업데이트 중 chronyd가 비활성화되어 {c}의 시간이 KDC보다 7분 앞서 있었습니다. `systemctl enable --now chronyd`로 chronyd를 시작 및 활성화하고, `chronyc tracking`으로 시간 차이가 해소되었는지 확인한 후 `maprlogin kerberos` 명령을 다시 실행해 주십시오.",
		},
	},
	{
		components: []string{"projects.ml", "users.home", "logs.archive"},
		tags:       []string{"quota", "volume", "how-to"},
		question:   true,
		subject: text{
			en: "How do we raise the advisory quota of volume {c}?",
			ja: "ボリューム {c} のアドバイザリークォータの変更方法を教えてください",
			ko: "볼륨 {c}의 어드바이저리 쿼터 변경 방법을 알려 주십시오",
		},
		body: text{
			en: "The advisory quota alarm keeps firing for volume {c}. We would like to raise the advisory quota without touching the hard quota, ideally without restarting anything. Which command should we use, and does the change take effect immediately?",
			ja: "ボリューム {c} でアドバイザリークォータのアラームが繰り返し発生しています。ハードクォータは変更せずにアドバイザリークォータだけを、サービスを再起動せずに引き上げたいと考えています。使用するコマンドと、変更が即時に反映されるかを教えてください。",
			ko: "볼륨 {c}에서 어드바이저리 쿼터 알람이 계속 발생하고 있습니다. 하드 쿼터는 그대로 두고 어드바이저리 쿼터만 서비스 재시작 없이 늘리고 싶습니다. 사용할 명령어와 변경 사항이 즉시 적용되는지 알려 주십시오.",
		},
		log: "$ maprcli alarm list -entity {c}\nalarm name                            description\nVOLUME_ALARM_ADVISORY_QUOTA_EXCEEDED  Volume usage exceeded advisory quota of 800G",
		fix: text{
			en: "Run `maprcli volume modify -name {c} -advisoryquota 1200G`. The CLDB applies the change immediately, no restart is needed, and the alarm clears at the next usage update (within a few minutes).",
			ja: "`maprcli volume modify -name {c} -advisoryquota 1200G` を実行してください。変更は CLDB に即時反映され、再起動は不要です。アラームは次回の使用量更新時(数分以内)に解除されます。",
			ko: "`maprcli volume modify -name {c} -advisoryquota 1200G` 명령을 실행해 주십시오. 변경 사항은 CLDB에 즉시 반영되며 재시작은 필요하지 않습니다. 알람은 다음 사용량 갱신 시점(수 분 이내)에 해제됩니다.",
		},
	},
}
