/**
 * HL7 v2.5 as SS-MIX2 and JAHIS write it: ISO-2022-JP text ({@link jp.renkei.hub.gateway.hl7.Iso2022Jp}), parsed
 * with HAPI HL7v2 segment by segment into generic segments in their order
 * ({@link jp.renkei.hub.gateway.hl7.Hl7Parser}), so that JP Z-segments and message structures HAPI does not know
 * (PPR^ZD1, OMI^Z23) parse like any other. No mapping here.
 */
package jp.renkei.hub.gateway.hl7;
