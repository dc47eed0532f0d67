// The signed-in areas: which pages exist, who may open them, and each role's navigation.
// Pages without a component yet render the "coming soon" page.

import { HUNTZEN_ADMINS, ROLES, type Role } from '@huntzen/contracts';
import type { ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import {
  IconBook,
  IconBuilding,
  IconCalendar,
  IconChart,
  IconClock,
  IconHome,
  IconList,
  IconMail,
  IconMessage,
  IconReceipt,
  IconShield,
  IconStar,
  IconStethoscope,
  IconUser,
  IconUsers,
} from '../components/icons';

type Icon = ComponentType<{ size?: number }>;

export type PageId =
  | 'home'
  | 'practitioners'
  | 'consultations'
  | 'journal'
  | 'assessments'
  | 'messages'
  | 'agenda'
  | 'availability'
  | 'profile'
  | 'employees'
  | 'company'
  | 'companies'
  | 'reviews'
  | 'myReviews'
  | 'clinicalNotes'
  | 'billing'
  | 'audit'
  | 'analytics'
  | 'emailQueue'
  | 'admins'
  | 'notifications'
  | 'news'
  | 'articles'
  | 'insights'
  | 'hrVisibility';

export interface AppPage {
  path: string;
  title: ParseKeys;
  roles: readonly Role[];
}

export const APP_PAGES: Record<PageId, AppPage> = {
  home: {
    path: '/app',
    title: 'nav.home',
    roles: ROLES,
  },
  practitioners: {
    path: '/app/practitioners',
    title: 'nav.practitioners',
    roles: ['EMPLOYEE', ...HUNTZEN_ADMINS],
  },
  consultations: {
    path: '/app/consultations',
    title: 'nav.consultations',
    roles: ['EMPLOYEE', 'PRACTITIONER'],
  },
  journal: { path: '/app/journal', title: 'nav.journal', roles: ['EMPLOYEE'] },
  assessments: { path: '/app/assessments', title: 'assessments.nav', roles: ['EMPLOYEE'] },
  messages: { path: '/app/messages', title: 'nav.messages', roles: ['EMPLOYEE', 'PRACTITIONER'] },
  agenda: { path: '/app/agenda', title: 'nav.agenda', roles: ['PRACTITIONER'] },
  availability: { path: '/app/availability', title: 'nav.availability', roles: ['PRACTITIONER'] },
  profile: { path: '/app/profile', title: 'nav.profile', roles: ['EMPLOYEE', 'PRACTITIONER'] },
  employees: { path: '/app/employees', title: 'nav.employees', roles: ['ADMIN_RH'] },
  company: { path: '/app/company', title: 'nav.company', roles: ['ADMIN_RH'] },
  companies: { path: '/app/companies', title: 'nav.companies', roles: HUNTZEN_ADMINS },
  reviews: { path: '/app/reviews', title: 'nav.reviews', roles: HUNTZEN_ADMINS },
  myReviews: { path: '/app/my-reviews', title: 'reviews.mine.nav', roles: ['PRACTITIONER'] },
  clinicalNotes: { path: '/app/clinical-notes', title: 'clinicalNotes.nav', roles: ['PRACTITIONER'] },
  // HuntZen validates and bills; HR sees its company's bills and may dispute one.
  billing: { path: '/app/billing', title: 'nav.billing', roles: [...HUNTZEN_ADMINS, 'ADMIN_RH'] },
  audit: { path: '/app/audit', title: 'nav.audit', roles: HUNTZEN_ADMINS },
  analytics: { path: '/app/analytics', title: 'analytics.nav', roles: HUNTZEN_ADMINS },
  emailQueue: { path: '/app/email-queue', title: 'emailQueue.nav', roles: HUNTZEN_ADMINS },
  admins: { path: '/app/admins', title: 'nav.admins', roles: ['SUPER_ADMIN'] },
  // HR writes its company's news; employees read theirs.
  news: { path: '/app/news', title: 'news.title', roles: ['ADMIN_RH', 'EMPLOYEE'] },
  // HuntZen's admins write articles; employees read and search them.
  articles: { path: '/app/articles', title: 'articles.nav', roles: ['EMPLOYEE', ...HUNTZEN_ADMINS] },
  // HR's thresholded usage dashboard; each employee's view of what HR sees about them.
  insights: { path: '/app/insights', title: 'insights.title', roles: ['ADMIN_RH'] },
  hrVisibility: { path: '/app/what-my-hr-sees', title: 'hrVisibility.title', roles: ['EMPLOYEE'] },
  // Reached from the header's bell, not from the menu.
  notifications: {
    path: '/app/notifications',
    title: 'notifications.title',
    roles: ROLES,
  },
};

export interface NavItem {
  page: PageId;
  label: ParseKeys;
  icon: Icon;
}

const HUNTZEN_NAV: NavItem[] = [
  { page: 'home', label: 'nav.home', icon: IconHome },
  { page: 'companies', label: 'nav.companies', icon: IconBuilding },
  { page: 'practitioners', label: 'nav.practitioners', icon: IconStethoscope },
  { page: 'reviews', label: 'nav.reviews', icon: IconStar },
  { page: 'articles', label: 'articles.nav', icon: IconBook },
  { page: 'billing', label: 'nav.billing', icon: IconReceipt },
  { page: 'analytics', label: 'analytics.nav', icon: IconChart },
  { page: 'emailQueue', label: 'emailQueue.nav', icon: IconMail },
  { page: 'audit', label: 'nav.audit', icon: IconList },
];

/** Each role's menu, in order. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  EMPLOYEE: [
    { page: 'home', label: 'nav.home', icon: IconHome },
    { page: 'practitioners', label: 'nav.practitioners', icon: IconStethoscope },
    { page: 'consultations', label: 'nav.myConsultations', icon: IconCalendar },
    { page: 'journal', label: 'nav.journal', icon: IconBook },
    { page: 'assessments', label: 'assessments.nav', icon: IconChart },
    { page: 'messages', label: 'nav.messages', icon: IconMessage },
    { page: 'news', label: 'news.nav', icon: IconList },
    { page: 'articles', label: 'articles.nav', icon: IconBook },
    { page: 'profile', label: 'nav.myProfile', icon: IconUser },
    { page: 'hrVisibility', label: 'hrVisibility.nav', icon: IconShield },
  ],
  PRACTITIONER: [
    { page: 'home', label: 'nav.home', icon: IconHome },
    { page: 'agenda', label: 'nav.agenda', icon: IconCalendar },
    { page: 'consultations', label: 'nav.consultations', icon: IconList },
    { page: 'messages', label: 'nav.messages', icon: IconMessage },
    { page: 'clinicalNotes', label: 'clinicalNotes.nav', icon: IconBook },
    { page: 'availability', label: 'nav.availability', icon: IconClock },
    { page: 'myReviews', label: 'reviews.mine.nav', icon: IconStar },
    { page: 'profile', label: 'nav.profile', icon: IconUser },
  ],
  ADMIN_RH: [
    { page: 'home', label: 'nav.dashboard', icon: IconHome },
    { page: 'employees', label: 'nav.employees', icon: IconUsers },
    { page: 'insights', label: 'insights.nav', icon: IconChart },
    { page: 'company', label: 'nav.company', icon: IconBuilding },
    { page: 'news', label: 'news.nav', icon: IconList },
    { page: 'billing', label: 'nav.billing', icon: IconReceipt },
  ],
  ADMIN_HUNTZEN: HUNTZEN_NAV,
  SUPER_ADMIN: [...HUNTZEN_NAV, { page: 'admins', label: 'nav.admins', icon: IconShield }],
};
