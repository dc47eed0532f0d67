// The translation bundles: the shell's (fr.json, en.json) and each feature's own file, merged under
// the feature's top-level key. English must have every key of French and the other way round.

import dateFieldEn from '../components/date-field.en.json';
import dateFieldFr from '../components/date-field.fr.json';
import timeFieldEn from '../components/time-field.en.json';
import timeFieldFr from '../components/time-field.fr.json';
import agendaEn from '../features/agenda/agenda.en.json';
import agendaFr from '../features/agenda/agenda.fr.json';
import analyticsEn from '../features/analytics/analytics.en.json';
import analyticsFr from '../features/analytics/analytics.fr.json';
import articlesEn from '../features/articles/articles.en.json';
import articlesFr from '../features/articles/articles.fr.json';
import assessmentsEn from '../features/assessments/assessments.en.json';
import assessmentsFr from '../features/assessments/assessments.fr.json';
import auditEn from '../features/audit/audit.en.json';
import auditFr from '../features/audit/audit.fr.json';
import availabilityEn from '../features/availability/availability.en.json';
import availabilityFr from '../features/availability/availability.fr.json';
import billingEn from '../features/billing/billing.en.json';
import billingFr from '../features/billing/billing.fr.json';
import bookingEn from '../features/booking/booking.en.json';
import bookingFr from '../features/booking/booking.fr.json';
import clinicalNotesEn from '../features/clinical-notes/clinical-notes.en.json';
import clinicalNotesFr from '../features/clinical-notes/clinical-notes.fr.json';
import companiesEn from '../features/companies/companies.en.json';
import companiesFr from '../features/companies/companies.fr.json';
import companyPendingEn from '../features/companies/company-pending.en.json';
import companyPendingFr from '../features/companies/company-pending.fr.json';
import domainVerificationEn from '../features/companies/domain-verification.en.json';
import domainVerificationFr from '../features/companies/domain-verification.fr.json';
import consultationsEn from '../features/consultations/consultations.en.json';
import consultationsFr from '../features/consultations/consultations.fr.json';
import directoryEn from '../features/directory/directory.en.json';
import directoryFr from '../features/directory/directory.fr.json';
import employeeProfileEn from '../features/employee-profile/employee-profile.en.json';
import employeeProfileFr from '../features/employee-profile/employee-profile.fr.json';
import employeesEn from '../features/employees/employees.en.json';
import employeesFr from '../features/employees/employees.fr.json';
import homeEn from '../features/home/home.en.json';
import homeFr from '../features/home/home.fr.json';
import hrVisibilityEn from '../features/hr-visibility/hr-visibility.en.json';
import hrVisibilityFr from '../features/hr-visibility/hr-visibility.fr.json';
import insightsEn from '../features/insights/insights.en.json';
import insightsFr from '../features/insights/insights.fr.json';
import journalEn from '../features/journal/journal.en.json';
import journalFr from '../features/journal/journal.fr.json';
import mediaEn from '../features/media/media.en.json';
import mediaFr from '../features/media/media.fr.json';
import messagesEn from '../features/messages/messages.en.json';
import messagesFr from '../features/messages/messages.fr.json';
import newsEn from '../features/news/news.en.json';
import newsFr from '../features/news/news.fr.json';
import onboardingEn from '../features/onboarding/onboarding.en.json';
import onboardingFr from '../features/onboarding/onboarding.fr.json';
import practitionerAdminEn from '../features/practitioner-admin/practitioner-admin.en.json';
import practitionerAdminFr from '../features/practitioner-admin/practitioner-admin.fr.json';
import practitionerProfileEn from '../features/practitioner-profile/practitioner-profile.en.json';
import practitionerProfileFr from '../features/practitioner-profile/practitioner-profile.fr.json';
import privacyEn from '../features/privacy/privacy.en.json';
import privacyFr from '../features/privacy/privacy.fr.json';
import reviewsEn from '../features/reviews/reviews.en.json';
import reviewsFr from '../features/reviews/reviews.fr.json';
import displayNameEn from '../features/security/display-name.en.json';
import displayNameFr from '../features/security/display-name.fr.json';
import videoRoomEn from '../features/video-room/video-room.en.json';
import videoRoomFr from '../features/video-room/video-room.fr.json';
import enBase from './en.json';
import frBase from './fr.json';

export const fr = {
  ...frBase,
  ...auditFr,
  ...analyticsFr,
  ...mediaFr,
  ...companiesFr,
  ...companyPendingFr,
  ...domainVerificationFr,
  ...displayNameFr,
  ...dateFieldFr,
  ...timeFieldFr,
  ...employeesFr,
  ...employeeProfileFr,
  ...onboardingFr,
  ...practitionerProfileFr,
  ...practitionerAdminFr,
  ...availabilityFr,
  ...directoryFr,
  ...reviewsFr,
  ...bookingFr,
  ...consultationsFr,
  ...agendaFr,
  ...billingFr,
  ...videoRoomFr,
  ...messagesFr,
  ...clinicalNotesFr,
  ...journalFr,
  ...assessmentsFr,
  ...privacyFr,
  ...newsFr,
  ...articlesFr,
  ...homeFr,
  ...insightsFr,
  ...hrVisibilityFr,
};
export const en: typeof fr = {
  ...enBase,
  ...auditEn,
  ...analyticsEn,
  ...mediaEn,
  ...companiesEn,
  ...companyPendingEn,
  ...domainVerificationEn,
  ...displayNameEn,
  ...dateFieldEn,
  ...timeFieldEn,
  ...employeesEn,
  ...employeeProfileEn,
  ...onboardingEn,
  ...practitionerProfileEn,
  ...practitionerAdminEn,
  ...availabilityEn,
  ...directoryEn,
  ...reviewsEn,
  ...bookingEn,
  ...consultationsEn,
  ...agendaEn,
  ...billingEn,
  ...videoRoomEn,
  ...messagesEn,
  ...clinicalNotesEn,
  ...journalEn,
  ...assessmentsEn,
  ...privacyEn,
  ...newsEn,
  ...articlesEn,
  ...homeEn,
  ...insightsEn,
  ...hrVisibilityEn,
};
// The reverse check: French has every English key.
const _frCoversEn: typeof en = fr;
void _frCoversEn;
