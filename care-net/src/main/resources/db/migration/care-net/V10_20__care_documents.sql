-- Care-net documents (主治医意見書, 訪問看護指示書, 訪問看護報告書): the templates are data — sections and fields
-- following the official forms' sections — and every filled-in version is kept with the post that carries its PDF.
-- V10_20: V10_4.. are left to the other care-net changes being built at the same time.

CREATE TABLE hub.care_document_template (
    kind       varchar(32) PRIMARY KEY,
    position   integer     NOT NULL,
    definition jsonb       NOT NULL
);

-- One row per version. A series is one document re-opened again and again (version 1, 2, …); the values are what
-- was entered (the PDF is rendered from them and stored as the attachment of the room post).
CREATE TABLE hub.care_document (
    id              uuid        PRIMARY KEY,
    room_id         uuid        NOT NULL REFERENCES hub.care_room (id),
    kind            varchar(32) NOT NULL REFERENCES hub.care_document_template (kind),
    series_id       uuid        NOT NULL,
    version         integer     NOT NULL CHECK (version >= 1),
    post_id         uuid        NOT NULL REFERENCES hub.care_post (id),
    attachment_id   uuid        NOT NULL REFERENCES hub.care_attachment (id),
    field_values    jsonb       NOT NULL,
    author_id       text        NOT NULL,
    author_name     text        NOT NULL,
    author_facility text        NOT NULL,
    created_at      timestamptz NOT NULL,
    UNIQUE (series_id, version)
);
CREATE INDEX care_document_by_room ON hub.care_document (room_id, created_at DESC);

-- Field types: TEXT (one line, maxLength), LONG_TEXT (several lines, maxLength), DATE, CHOICE (one of options),
-- MULTI (any of options). "authors" are the roles that write the document. A region adds a kind by inserting a row.
INSERT INTO hub.care_document_template (kind, position, definition) VALUES
('NURSING_INSTRUCTION', 10, '{"kind":"NURSING_INSTRUCTION","title":"訪問看護指示書","authors":["DOCTOR"],
 "sections":[
  {"title":"指示期間","fields":[
    {"code":"periodFrom","label":"訪問看護指示期間（開始日）","type":"DATE","required":true},
    {"code":"periodTo","label":"訪問看護指示期間（終了日）","type":"DATE","required":true},
    {"code":"infusionFrom","label":"点滴注射指示期間（開始日）","type":"DATE"},
    {"code":"infusionTo","label":"点滴注射指示期間（終了日）","type":"DATE"}]},
  {"title":"患者","fields":[
    {"code":"address","label":"住所","type":"TEXT","maxLength":200},
    {"code":"phone","label":"電話番号","type":"TEXT","maxLength":30}]},
  {"title":"現在の状況","fields":[
    {"code":"diagnosis","label":"主たる傷病名","type":"LONG_TEXT","maxLength":500,"required":true},
    {"code":"diseaseCode","label":"傷病名コード","type":"TEXT","maxLength":50},
    {"code":"condition","label":"病状・治療状態","type":"LONG_TEXT","maxLength":1000},
    {"code":"medication","label":"投与中の薬剤の用量・用法","type":"LONG_TEXT","maxLength":1000},
    {"code":"bedridden","label":"日常生活自立度（寝たきり度）","type":"CHOICE","options":["J1","J2","A1","A2","B1","B2","C1","C2"]},
    {"code":"dementia","label":"日常生活自立度（認知症の状況）","type":"CHOICE","options":["Ⅰ","Ⅱa","Ⅱb","Ⅲa","Ⅲb","Ⅳ","M"]},
    {"code":"careLevel","label":"要介護認定の状況","type":"CHOICE","options":["自立","要支援1","要支援2","要介護1","要介護2","要介護3","要介護4","要介護5"]},
    {"code":"pressureUlcer","label":"褥瘡の深さ","type":"TEXT","maxLength":100},
    {"code":"devices","label":"装着・使用医療機器等","type":"MULTI","options":["自動腹膜灌流装置","透析液供給装置","酸素療法","吸引器","中心静脈栄養","輸液ポンプ","経管栄養","留置カテーテル","人工呼吸器","気管カニューレ","人工肛門","人工膀胱","その他"]}]},
  {"title":"留意事項及び指示事項","fields":[
    {"code":"lifeNotes","label":"Ⅰ 療養生活指導上の留意事項","type":"LONG_TEXT","maxLength":1000},
    {"code":"rehabilitation","label":"Ⅱ-1 リハビリテーション（内容と頻度）","type":"LONG_TEXT","maxLength":1000},
    {"code":"woundCare","label":"Ⅱ-2 褥瘡の処置等","type":"LONG_TEXT","maxLength":1000},
    {"code":"deviceCare","label":"Ⅱ-3 装着・使用医療機器等の操作援助・管理","type":"LONG_TEXT","maxLength":1000},
    {"code":"otherInstructions","label":"Ⅱ-4 その他","type":"LONG_TEXT","maxLength":1000}]},
  {"title":"在宅患者訪問点滴注射に関する指示","fields":[
    {"code":"infusion","label":"投与薬剤・投与量・投与方法等","type":"LONG_TEXT","maxLength":1000}]},
  {"title":"緊急時の連絡先等","fields":[
    {"code":"emergencyContact","label":"緊急時の連絡先","type":"TEXT","maxLength":200},
    {"code":"absence","label":"不在時の対応","type":"TEXT","maxLength":200},
    {"code":"remarks","label":"特記すべき留意事項","type":"LONG_TEXT","maxLength":1000},
    {"code":"otherStation","label":"他の訪問看護ステーションへの指示","type":"TEXT","maxLength":300},
    {"code":"suction","label":"たんの吸引等実施のための訪問介護事業所への指示","type":"TEXT","maxLength":300}]},
  {"title":"指示日と宛先","fields":[
    {"code":"issuedOn","label":"指示日","type":"DATE","required":true},
    {"code":"station","label":"訪問看護ステーション（宛先）","type":"TEXT","maxLength":200,"required":true}]}]}'),
('NURSING_REPORT', 20, '{"kind":"NURSING_REPORT","title":"訪問看護報告書","authors":["VISITING_NURSE","NURSE"],
 "sections":[
  {"title":"報告の対象","fields":[
    {"code":"periodFrom","label":"報告期間（開始日）","type":"DATE","required":true},
    {"code":"periodTo","label":"報告期間（終了日）","type":"DATE","required":true},
    {"code":"visitDays","label":"訪問日","type":"TEXT","maxLength":300},
    {"code":"careLevel","label":"要介護認定の状況","type":"CHOICE","options":["自立","要支援1","要支援2","要介護1","要介護2","要介護3","要介護4","要介護5"]},
    {"code":"address","label":"住所","type":"TEXT","maxLength":200}]},
  {"title":"病状と看護","fields":[
    {"code":"progress","label":"病状の経過","type":"LONG_TEXT","maxLength":2000,"required":true},
    {"code":"nursing","label":"看護・リハビリテーションの内容","type":"LONG_TEXT","maxLength":2000},
    {"code":"homeCare","label":"家庭での介護の状況","type":"LONG_TEXT","maxLength":1000}]},
  {"title":"衛生材料等","fields":[
    {"code":"supplies","label":"衛生材料等の使用量および使用状況","type":"LONG_TEXT","maxLength":500},
    {"code":"suppliesChange","label":"衛生材料等の種類・量の変更","type":"CHOICE","options":["変更不要","変更が必要"]},
    {"code":"suppliesChangeDetail","label":"変更の内容","type":"TEXT","maxLength":300}]},
  {"title":"特記すべき事項","fields":[
    {"code":"remarks","label":"特記すべき事項","type":"LONG_TEXT","maxLength":1000}]},
  {"title":"報告日と宛先","fields":[
    {"code":"reportedOn","label":"報告日","type":"DATE","required":true},
    {"code":"doctor","label":"主治医（宛先）","type":"TEXT","maxLength":100,"required":true}]}]}'),
('PHYSICIAN_OPINION', 30, '{"kind":"PHYSICIAN_OPINION","title":"主治医意見書","authors":["DOCTOR"],
 "sections":[
  {"title":"記入日と申請者","fields":[
    {"code":"writtenOn","label":"記入日","type":"DATE","required":true},
    {"code":"address","label":"申請者の住所","type":"TEXT","maxLength":200},
    {"code":"phone","label":"連絡先","type":"TEXT","maxLength":30},
    {"code":"lastExamination","label":"最終診察日","type":"DATE"},
    {"code":"opinionCount","label":"意見書作成回数","type":"CHOICE","options":["初回","2回目以上"]},
    {"code":"otherDepartments","label":"他科受診（科名）","type":"TEXT","maxLength":200}]},
  {"title":"1. 傷病に関する意見","fields":[
    {"code":"diagnosis1","label":"診断名 1 と発症年月日","type":"TEXT","maxLength":200,"required":true},
    {"code":"diagnosis2","label":"診断名 2 と発症年月日","type":"TEXT","maxLength":200},
    {"code":"diagnosis3","label":"診断名 3 と発症年月日","type":"TEXT","maxLength":200},
    {"code":"stability","label":"症状としての安定性","type":"CHOICE","options":["安定","不安定","不明"]},
    {"code":"stabilityNote","label":"不安定な場合の具体的な状況","type":"TEXT","maxLength":300},
    {"code":"course","label":"生活機能低下の直接の原因となっている傷病の経過と治療内容（投薬を含む）","type":"LONG_TEXT","maxLength":2000}]},
  {"title":"2. 特別な医療（過去 14 日間以内に受けたもの）","fields":[
    {"code":"specialCare","label":"処置内容・特別な対応・失禁への対応","type":"MULTI","options":["点滴の管理","中心静脈栄養","透析","ストーマの処置","酸素療法","レスピレーター","気管切開の処置","疼痛の看護","経管栄養","モニター測定","じょくそうの処置","カテーテル"]}]},
  {"title":"3. 心身の状態に関する意見","fields":[
    {"code":"bedridden","label":"障害高齢者の日常生活自立度（寝たきり度）","type":"CHOICE","options":["自立","J1","J2","A1","A2","B1","B2","C1","C2"]},
    {"code":"dementia","label":"認知症高齢者の日常生活自立度","type":"CHOICE","options":["自立","Ⅰ","Ⅱa","Ⅱb","Ⅲa","Ⅲb","Ⅳ","M"]},
    {"code":"shortTermMemory","label":"短期記憶","type":"CHOICE","options":["問題なし","問題あり"]},
    {"code":"decisions","label":"日常の意思決定を行うための認知能力","type":"CHOICE","options":["自立","いくらか困難","見守りが必要","判断できない"]},
    {"code":"communication","label":"自分の意思の伝達能力","type":"CHOICE","options":["伝えられる","いくらか困難","具体的要求に限られる","伝えられない"]},
    {"code":"bpsd","label":"認知症の行動・心理症状","type":"LONG_TEXT","maxLength":500},
    {"code":"bodyState","label":"身体の状態（利き腕、身長、体重、麻痺、褥瘡など）","type":"LONG_TEXT","maxLength":1000}]},
  {"title":"4. 生活機能とサービスに関する意見","fields":[
    {"code":"mobility","label":"移動","type":"LONG_TEXT","maxLength":500},
    {"code":"nutrition","label":"栄養・食生活","type":"LONG_TEXT","maxLength":500},
    {"code":"risks","label":"現在あるかまたは今後発生の可能性の高い状態とその対処方針","type":"LONG_TEXT","maxLength":1000},
    {"code":"outlook","label":"サービス利用による生活機能の維持・改善の見通し","type":"CHOICE","options":["期待できる","期待できない","不明"]},
    {"code":"medicalNeeds","label":"医学的管理の必要性","type":"MULTI","options":["訪問診療","訪問看護","訪問歯科診療","訪問薬剤管理指導","訪問リハビリテーション","短期入所療養介護","訪問歯科衛生指導","訪問栄養食事指導","通所リハビリテーション"]},
    {"code":"cautions","label":"サービス提供時における医学的観点からの留意事項","type":"LONG_TEXT","maxLength":1000},
    {"code":"infection","label":"感染症の有無","type":"TEXT","maxLength":200}]},
  {"title":"5. 特記すべき事項","fields":[
    {"code":"remarks","label":"特記すべき事項","type":"LONG_TEXT","maxLength":2000}]}]}');
