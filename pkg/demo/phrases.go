package demo

// The texts tickets and comments are built from. Placeholders: {req} the
// requester, {org} their organisation, {eng} the engineer writing, {fix}
// the topic's answer, {dev} an engineering issue key, {n} a bundle number,
// {time} a time of day and {date} a maintenance day.

var (
	labelEnv = text{en: "Environment", ja: "環境", ko: "환경"}
	labelVer = text{en: "Version", ja: "バージョン", ko: "버전"}
	labelLog = text{en: "Log excerpt:", ja: "ログ抜粋:", ko: "로그 발췌:"}

	// greeting opens a description; signature closes it.
	greeting = text{
		en: "",
		ja: "いつもお世話になっております。{org}の{req}です。\n\n",
		ko: "안녕하세요. {org} {req}입니다.\n\n",
	}
	signature = text{en: "Regards,\n{req}\n{org}", ja: "よろしくお願いいたします。\n{req}", ko: "감사합니다.\n{req} 드림"}

	// internalOrg is the organisation an internal requester signs with.
	internalOrg = text{en: "Sales Engineering", ja: "セールスエンジニアリング部", ko: "세일즈 엔지니어링팀"}
	pocPrefix   = "[POC] "
)

// urgency closes a description, by severity rank (S1 first).
var urgency = []text{
	{
		en: "This is a production outage. Please call us back as soon as possible.",
		ja: "本番環境が停止しています。至急ご連絡をお願いいたします。",
		ko: "운영 환경이 중단된 상태입니다. 가능한 한 빨리 연락 부탁드립니다.",
	},
	{
		en: "Production jobs are delayed. Please look into this urgently.",
		ja: "本番のバッチ処理に遅延が発生しています。早急にご確認をお願いいたします。",
		ko: "운영 배치 작업이 지연되고 있습니다. 긴급히 확인 부탁드립니다.",
	},
	{
		en: "Could you advise on the cause and how to fix it?",
		ja: "原因と対処方法をご教示いただけますでしょうか。",
		ko: "원인과 해결 방법을 안내해 주시기 바랍니다.",
	},
	{
		en: "No urgency; an answer this week is fine.",
		ja: "急ぎではありませんので、今週中にご回答いただければ幸いです。",
		ko: "급하지 않으니 이번 주 안에 답변 주시면 됩니다.",
	},
}

var (
	acks = []text{
		{
			en: "Hi {req},\n\nThank you for contacting support. I am looking into this now. Could you upload the output of `/opt/mapr/support/tools/mapr-support-collect.sh` from the affected nodes, covering the time of the failure?\n\nBest regards,\n{eng}",
			ja: "{req} 様\n\nお問い合わせいただきありがとうございます。サポート担当の {eng} です。本件の調査を開始しました。お手数ですが、事象が発生した時間帯を含むよう、該当ノードで `/opt/mapr/support/tools/mapr-support-collect.sh` を実行し、その出力をアップロードいただけますでしょうか。\n\nよろしくお願いいたします。",
			ko: "{req}님, 안녕하세요.\n\n문의해 주셔서 감사합니다. 기술지원팀 {eng}입니다. 해당 건의 조사를 시작했습니다. 번거로우시겠지만 장애가 발생한 시간대를 포함하도록 해당 노드에서 `/opt/mapr/support/tools/mapr-support-collect.sh`를 실행하여 그 결과를 업로드해 주시겠습니까?\n\n감사합니다.",
		},
		{
			en: "Hello {req},\n\nThanks for the detailed report. I have taken this ticket. To narrow it down, please send the full service log from the time of the error and the output of `maprcli node list -columns svc`.\n\nThanks,\n{eng}",
			ja: "{req} 様\n\n詳細なご報告をありがとうございます。本チケットは {eng} が担当いたします。切り分けのため、エラー発生時刻のサービスログ全体と `maprcli node list -columns svc` の出力をお送りいただけますでしょうか。\n\n引き続きよろしくお願いいたします。",
			ko: "{req}님, 안녕하세요.\n\n자세한 내용을 보내 주셔서 감사합니다. 본 티켓은 {eng} 엔지니어가 담당합니다. 원인 파악을 위해 오류 발생 시점의 전체 서비스 로그와 `maprcli node list -columns svc` 출력 결과를 보내 주시겠습니까?\n\n감사합니다.",
		},
		{
			en: "Hi {req},\n\nI am {eng} from support and will work on this with you. Has anything changed on the cluster recently (patches, configuration, new workloads)? Please also attach the logs mentioned in the description in full.\n\nRegards,\n{eng}",
			ja: "{req} 様\n\nサポートの {eng} です。本件を担当させていただきます。最近クラスタに変更(パッチ適用、設定変更、新しいワークロードの追加など)はありましたでしょうか。あわせて、本文に記載のログの全体を添付いただけますと幸いです。\n\nよろしくお願いいたします。",
			ko: "{req}님, 안녕하세요.\n\n기술지원팀 {eng}입니다. 본 건을 담당하게 되었습니다. 최근 클러스터에 변경 사항(패치 적용, 설정 변경, 새로운 워크로드 추가 등)이 있었는지요? 아울러 본문에 언급하신 로그 전체를 첨부해 주시면 감사하겠습니다.\n\n감사합니다.",
		},
	}
	logsSent = []text{
		{
			en: "Logs are uploaded as support-collect-{n}.tgz. The problem happened again today at around {time}.",
			ja: "ログを support-collect-{n}.tgz としてアップロードしました。本日 {time} 頃にも同じ事象が再発しています。",
			ko: "로그를 support-collect-{n}.tgz 파일로 업로드했습니다. 오늘 {time}경에도 같은 현상이 다시 발생했습니다.",
		},
		{
			en: "Attached the requested logs (bundle {n}). No changes on our side except the OS patches two weeks ago.",
			ja: "ご依頼のログ(バンドル {n})を添付しました。2 週間前の OS パッチ適用以外に、当方での変更はありません。",
			ko: "요청하신 로그(번들 {n})를 첨부했습니다. 2주 전 OS 패치 적용 외에는 저희 쪽 변경 사항이 없습니다.",
		},
	}
	followUps = []text{
		{
			en: "Any update on this? The problem is still happening.",
			ja: "状況はいかがでしょうか。現在も事象が継続しています。",
			ko: "진행 상황이 어떻게 되나요? 현재도 현상이 계속되고 있습니다.",
		},
		{
			en: "Adding information: the same error also appeared on a second node at {time}.",
			ja: "補足です。{time} 頃に別のノードでも同じエラーが出力されました。",
			ko: "추가 정보입니다. {time}경 다른 노드에서도 같은 오류가 발생했습니다.",
		},
	}
	analysisNotes = []text{
		{
			en: "Checked the logs: matches a known pattern. Reproduced on the 7.4.1 lab cluster.",
			ja: "ログ確認済み。既知の事象と一致。7.4.1 の検証クラスタで再現できた。",
			ko: "로그 확인 완료. 알려진 현상과 일치함. 7.4.1 테스트 클러스터에서 재현됨.",
		},
		{
			en: "Logs confirm the error at the time the customer reported. Checking the release notes and open DEV issues for a known fix.",
			ja: "ログで顧客の報告時刻のエラーを確認。リリースノートと未解決の DEV チケットで既知の修正を確認中。",
			ko: "로그에서 고객이 보고한 시점의 오류를 확인함. 릴리스 노트와 미해결 DEV 이슈에서 알려진 수정 사항 확인 중.",
		},
	}
	handoffNotes = []text{
		{
			en: "Handoff: first response sent and logs requested. Returning to the queue for the next region.",
			ja: "引き継ぎ: 初回回答済み、ログ依頼済み。次のリージョン向けにキューへ戻す。",
			ko: "인수인계: 첫 응답 완료, 로그 요청함. 다음 리전을 위해 큐로 반환함.",
		},
	}
	escalationNotes = []text{
		{
			en: "Escalating to backline: the root cause is beyond frontline scope. Summary and logs are in the thread above.",
			ja: "バックラインへエスカレーション。根本原因の調査がフロントラインの範囲を超えるため。概要とログは上記スレッドを参照。",
			ko: "백라인으로 에스컬레이션함. 근본 원인 분석이 프론트라인 범위를 넘어섬. 요약과 로그는 위 스레드 참고.",
		},
	}
	backlineNotes = []text{
		{
			en: "Backline: went through the logs and the container dump; the cause is clear, drafting the answer.",
			ja: "バックライン: ログとコンテナダンプを確認。原因は特定済み、回答を作成中。",
			ko: "백라인: 로그와 컨테이너 덤프 확인. 원인 파악 완료, 답변 작성 중.",
		},
	}
	devNotes = []text{
		{
			en: "Backline: this is a product defect. Filed {dev} with engineering, reproduction steps and logs attached.",
			ja: "バックライン: 製品の不具合と判断。開発チームに {dev} を起票し、再現手順とログを添付済み。",
			ko: "백라인: 제품 결함으로 판단함. 개발팀에 {dev} 이슈 등록, 재현 절차와 로그 첨부 완료.",
		},
	}
	devReplies = []text{
		{
			en: "Hi {req},\n\nWe have confirmed this is a product defect and raised it with our development team as {dev}. We will update you as soon as a fix or workaround is available.\n\nRegards,\n{eng}",
			ja: "{req} 様\n\n本事象は製品の不具合であることを確認し、開発チームに {dev} として報告いたしました。修正または回避策のご提供が可能になり次第、ご連絡いたします。\n\nよろしくお願いいたします。",
			ko: "{req}님, 안녕하세요.\n\n본 현상이 제품 결함임을 확인하여 개발팀에 {dev} 이슈로 보고했습니다. 수정 또는 우회 방법이 제공되는 대로 안내드리겠습니다.\n\n감사합니다.",
		},
	}
	holdRequests = []text{
		{
			en: "We cannot restart the cluster until our maintenance window on {date}. Can we keep this ticket open until then?",
			ja: "{date} のメンテナンスウィンドウまではクラスタを再起動できません。それまで本チケットを保留にしていただけますか。",
			ko: "{date} 정기 점검 시간 전까지는 클러스터를 재시작할 수 없습니다. 그때까지 티켓을 유지해 주실 수 있을까요?",
		},
	}
	holdReplies = []text{
		{
			en: "Understood. We will keep this ticket on hold until your maintenance window on {date}; please update it once the change is applied.\n\n{eng}",
			ja: "承知いたしました。{date} のメンテナンスウィンドウまで本チケットを保留といたします。作業完了後にご連絡ください。\n\n{eng}",
			ko: "알겠습니다. {date} 정기 점검 시간까지 본 티켓을 보류 상태로 두겠습니다. 작업이 완료되면 업데이트 부탁드립니다.\n\n{eng}",
		},
	}
	answers = []text{
		{
			en: "Hi {req},\n\nThanks for the logs. {fix}\n\nPlease let us know whether this resolves the issue.\n\nBest regards,\n{eng}",
			ja: "{req} 様\n\nログのご提供ありがとうございました。{fix}\n\n本手順で解消するかご確認をお願いいたします。\n\nよろしくお願いいたします。\n{eng}",
			ko: "{req}님, 안녕하세요.\n\n로그를 제공해 주셔서 감사합니다. {fix}\n\n해당 조치로 문제가 해결되는지 확인 부탁드립니다.\n\n감사합니다.\n{eng}",
		},
	}
	confirmations = []text{
		{
			en: "Applied the change and the problem is gone. Please close the ticket, thanks for the help.",
			ja: "手順を適用したところ解消しました。クローズしていただいて問題ありません。ご対応ありがとうございました。",
			ko: "조치를 적용한 결과 문제가 해결되었습니다. 티켓을 종료해 주셔도 됩니다. 도움 주셔서 감사합니다.",
		},
		{
			en: "Confirmed on our side after last night's run. You can close this one.",
			ja: "昨夜の処理で問題がないことを確認しました。本件はクローズで結構です。",
			ko: "어젯밤 작업에서 문제가 없음을 확인했습니다. 본 건은 종료하셔도 됩니다.",
		},
	}
)
