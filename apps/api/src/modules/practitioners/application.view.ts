// Rows to API documents: the practitioner's application (their own view and the admins' review)
// and its documents.
import {
  type ApplicationReview,
  type ApplicationSummary,
  type PractitionerApplication,
  type PractitionerDocument,
  type PractitionerDocumentType,
  professionalIdKindOf,
} from '@huntzen/contracts';
import type { File as FileRow } from '@huntzen/db';
import { fileContentUrl } from '../files';
import { applicationStatus, requirementsOf } from './application.policy';
import type { PractitionerRow } from './applications.repository';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A document as the practitioner and the admins see it. */
export function toDocument(file: FileRow, publicUrl: string): PractitionerDocument {
  return {
    id: file.id,
    fileType: file.fileType as PractitionerDocumentType,
    originalName: file.originalName,
    mimeType: file.mimeType,
    size: file.size,
    createdAt: file.createdAt.toISOString(),
    url: fileContentUrl(publicUrl, file.id),
  };
}

/** The application with its checklist and documents. */
export function toApplication(
  row: PractitionerRow,
  documents: FileRow[],
  publicUrl: string,
): PractitionerApplication {
  return {
    id: row.id,
    status: applicationStatus(row),
    submittedAt: iso(row.submittedAt),
    rejectedAt: iso(row.rejectedAt),
    rejectionReason: row.rejectionReason,
    validatedAt: iso(row.validatedAt),
    documentsVerified: row.documentsVerified,
    title: row.title,
    firstName: row.firstName,
    lastName: row.lastName,
    professionalIdKind: professionalIdKindOf(row.professionalId),
    professionalId: row.professionalId,
    specialty: row.specialty,
    subSpecialties: row.subSpecialties,
    languages: row.languages,
    bio: row.bio,
    experience: row.experience,
    education: row.education,
    diplomas: row.diplomas,
    certifications: row.certifications,
    offersVideo: row.offersVideo,
    offersPhone: row.offersPhone,
    offersInPerson: row.offersInPerson,
    inPersonAddress: row.inPersonAddress,
    videoUrl: row.videoUrl,
    avatarUrl: row.avatarUrl,
    coverUrl: row.coverUrl,
    defaultDuration: row.defaultDuration,
    bufferTime: row.bufferTime,
    timezone: row.timezone,
    preferredLanguage: row.preferredLanguage === 'en' ? 'en' : 'fr',
    isActive: row.isActive,
    isAcceptingNewClients: row.isAcceptingNewClients,
    requirements: requirementsOf(
      row,
      documents.map((d) => d.fileType as PractitionerDocumentType),
    ),
    documents: documents.map((d) => toDocument(d, publicUrl)),
  };
}

/** The admins' view: the application plus the account's e-mail and who validated it. */
export function toReview(
  row: PractitionerRow,
  documents: FileRow[],
  email: string,
  publicUrl: string,
): ApplicationReview {
  return { ...toApplication(row, documents, publicUrl), email, validatedBy: row.validatedBy };
}

/** A line of the admins' queue. */
export function toSummary(row: PractitionerRow, email: string, documentCount: number): ApplicationSummary {
  return {
    id: row.id,
    status: applicationStatus(row),
    title: row.title,
    firstName: row.firstName,
    lastName: row.lastName,
    email,
    specialty: row.specialty,
    professionalIdKind: professionalIdKindOf(row.professionalId),
    professionalId: row.professionalId,
    documentsVerified: row.documentsVerified,
    documentCount,
    submittedAt: iso(row.submittedAt),
    rejectedAt: iso(row.rejectedAt),
    validatedAt: iso(row.validatedAt),
  };
}
