/**
 * What the clinical views ({@code Patient/$summary}, {@code $dispensing-history}, {@code $medication-check},
 * {@code $lab-trend}) share: addressing a patient by event number ({@link EventNumberPatients}) and loading the
 * patient's data across facilities as the hub, filtered resource by resource through the consent gate
 * ({@link GatedPatientData}).
 */
package jp.renkei.hub.fhir.views;
