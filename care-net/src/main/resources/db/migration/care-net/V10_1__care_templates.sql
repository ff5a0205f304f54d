-- The categories of structured entries a post may carry. Each definition is a small questionnaire: items of
-- type CHOICE (options), NUMBER (unit, min, max, decimals) or TEXT (maxLength). A region adds its own
-- category by inserting a row; TemplateCatalog checks every definition when it loads it.
INSERT INTO hub.care_template (code, position, definition) VALUES
('MEAL', 10, '{"code":"MEAL","title":"食事","items":[
  {"code":"intake","label":"摂取量","type":"NUMBER","unit":"割","min":0,"max":10,"decimals":0},
  {"code":"appetite","label":"食欲","type":"CHOICE","options":["あり","ふつう","なし"]},
  {"code":"swallowing","label":"むせ込み","type":"CHOICE","options":["あり","なし"]},
  {"code":"water","label":"水分摂取量","type":"NUMBER","unit":"mL","min":0,"max":5000,"decimals":0},
  {"code":"note","label":"備考","type":"TEXT","maxLength":500}]}'),
('EXCRETION', 20, '{"code":"EXCRETION","title":"排泄","items":[
  {"code":"urination","label":"排尿回数","type":"NUMBER","unit":"回","min":0,"max":50,"decimals":0},
  {"code":"defecation","label":"排便","type":"CHOICE","options":["あり","なし"]},
  {"code":"stool","label":"便の性状","type":"CHOICE","options":["普通便","軟便","水様便","硬便"]},
  {"code":"note","label":"備考","type":"TEXT","maxLength":500}]}'),
('SLEEP', 30, '{"code":"SLEEP","title":"睡眠","items":[
  {"code":"daytimeSleep","label":"日中の睡眠","type":"CHOICE","options":["あり","なし"]},
  {"code":"nightSleep","label":"夜間睡眠","type":"NUMBER","unit":"時間","min":0,"max":24,"decimals":1},
  {"code":"insomniaType","label":"不眠の種類","type":"CHOICE","options":["入眠困難","中途覚醒","早朝覚醒","熟眠障害","なし"]},
  {"code":"sideEffect","label":"薬の副作用の影響","type":"CHOICE","options":["あり","なし","不明"]},
  {"code":"note","label":"備考","type":"TEXT","maxLength":500}]}'),
('VITALS', 40, '{"code":"VITALS","title":"バイタル","items":[
  {"code":"temperature","label":"体温","type":"NUMBER","unit":"℃","min":34.0,"max":42.0,"decimals":1},
  {"code":"systolic","label":"血圧（収縮期）","type":"NUMBER","unit":"mmHg","min":50,"max":250,"decimals":0},
  {"code":"diastolic","label":"血圧（拡張期）","type":"NUMBER","unit":"mmHg","min":30,"max":150,"decimals":0},
  {"code":"pulse","label":"脈拍","type":"NUMBER","unit":"回/分","min":20,"max":220,"decimals":0},
  {"code":"spo2","label":"SpO2","type":"NUMBER","unit":"%","min":50,"max":100,"decimals":0},
  {"code":"weight","label":"体重","type":"NUMBER","unit":"kg","min":1.0,"max":300.0,"decimals":1}]}'),
('MEDICATION', 50, '{"code":"MEDICATION","title":"服薬・残薬","items":[
  {"code":"adherence","label":"服薬状況","type":"CHOICE","options":["指示通り","飲み忘れあり","拒薬あり"]},
  {"code":"leftover","label":"残薬","type":"CHOICE","options":["なし","少しあり","多くあり"]},
  {"code":"note","label":"備考","type":"TEXT","maxLength":500}]}'),
('SKIN', 60, '{"code":"SKIN","title":"皮膚・褥瘡","items":[
  {"code":"pressureUlcer","label":"褥瘡","type":"CHOICE","options":["なし","あり（発赤）","あり（びらん・潰瘍）"]},
  {"code":"site","label":"部位","type":"TEXT","maxLength":100},
  {"code":"size","label":"大きさ","type":"NUMBER","unit":"cm","min":0,"max":50,"decimals":1},
  {"code":"note","label":"備考","type":"TEXT","maxLength":500}]}'),
('REHAB', 70, '{"code":"REHAB","title":"リハビリ","items":[
  {"code":"done","label":"実施","type":"CHOICE","options":["実施","中止","未実施"]},
  {"code":"minutes","label":"実施時間","type":"NUMBER","unit":"分","min":0,"max":300,"decimals":0},
  {"code":"note","label":"内容","type":"TEXT","maxLength":500}]}'),
('LIFE', 80, '{"code":"LIFE","title":"生活の様子","items":[
  {"code":"mood","label":"表情・気分","type":"CHOICE","options":["良い","ふつう","すぐれない"]},
  {"code":"activity","label":"活動","type":"TEXT","maxLength":500}]}');
