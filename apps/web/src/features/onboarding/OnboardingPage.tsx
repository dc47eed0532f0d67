// `/app/welcome`: the employee's first sign-in. Four steps: name, job, preferences, consent. Each
// step saves its fields (PATCH /me/profile) so a reload resumes with them; the last accepts the
// consent and completes onboarding, after which the route guard lets the employee in. The step on
// screen lives in the URL (`?step=2`) so a reload keeps it and Back/Forward move between steps; it
// is capped at the first step whose fields are not saved yet.
import { CURRENT_CONSENT_VERSION, type EmployeeProfile, OnboardingProfileSchema } from '@huntzen/contracts';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Container,
  Group,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { IconLifebuoy } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { changeLanguage } from '../../i18n';
import { isApiError } from '../../lib/api-error';
import { errorMessage, schemaValidator } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { useEmployeeProfile, useUpdateProfile } from '../employee-profile/employee-profile.api';
import {
  applyProfileError,
  LanguageRadios,
  PROFILE_MESSAGES,
  type ProfileField,
  type ProfileFormValues,
  profileFormValues,
  profileRequest,
  TimeZoneSelect,
} from '../employee-profile/profile-form';
import { browserTimeZone } from '../employee-profile/time-zones';
import { ConsentText } from './ConsentText';
import { useAcceptConsent, useCompleteOnboarding, useConsent } from './onboarding.api';

// The fields each step saves; the last step (consent) saves none.
const STEP_FIELDS: readonly (readonly ProfileField[])[] = [
  ['firstName', 'lastName'],
  ['department', 'position', 'phoneNumber'],
  ['preferredLanguage', 'timezone'],
  [],
];
const CONSENT_STEP = STEP_FIELDS.length - 1;

/** The onboarding wizard page. */
export function OnboardingPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  usePageTitle(t('onboarding.title'));
  const profile = useEmployeeProfile();

  if (user?.employee?.onboardingCompleted) return <Navigate to="/app" replace />;
  return (
    <Container size="sm" px={0}>
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <LoadError error={profile.error} />
      ) : (
        <Wizard profile={profile.data} />
      )}
    </Container>
  );
}

function Wizard({ profile }: { profile: EmployeeProfile }) {
  const { t } = useTranslation();
  const { reloadUser } = useAuth();
  const navigate = useNavigate();
  const compact = useMediaQuery('(max-width: 36em)');
  const [params, setParams] = useSearchParams();
  const [alert, setAlert] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const save = useUpdateProfile();

  const validateAll = schemaValidator<ProfileFormValues>(
    OnboardingProfileSchema,
    t,
    (values) => profileRequest(values, STEP_FIELDS.flat()),
    PROFILE_MESSAGES,
  );
  // A step can be shown once every step before it is saved: a hand-typed `?step=4` cannot skip any.
  // biome-ignore lint/correctness/useExhaustiveDependencies: validateAll is rebuilt each render, its rules are not
  const reachable = useMemo(() => {
    const errors = Object.keys(validateAll(profileFormValues(profile)));
    const missing = STEP_FIELDS.findIndex((fields) => fields.some((field) => errors.includes(field)));
    return missing === -1 ? CONSENT_STEP : missing;
  }, [profile]);
  const requested = stepFromUrl(params.get('step'));
  const active = Math.min(requested, reachable);
  const activeRef = useRef(active);
  activeRef.current = active;
  const form = useForm<ProfileFormValues>({
    initialValues: {
      ...profileFormValues(profile),
      // The browser knows where the employee is better than our default does.
      timezone: browserTimeZone() ?? profile.timezone,
    },
    // Only the fields of the step on screen.
    validate: (values) => {
      const errors = validateAll(values);
      const fields: readonly string[] = STEP_FIELDS[activeRef.current] ?? [];
      return Object.fromEntries(Object.entries(errors).filter(([path]) => fields.includes(path)));
    },
  });

  // Screen readers and keyboard users start each step at its title (not on the first render).
  const shownStep = useRef(active);
  useEffect(() => {
    if (shownStep.current === active) return;
    shownStep.current = active;
    headingRef.current?.focus();
  }, [active]);

  const setStepParam = (step: number, replace: boolean) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (step === 0) next.delete('step');
        else next.set('step', String(step + 1));
        return next;
      },
      { replace },
    );

  // The URL asked for a step not reachable yet: show (and say) the one that is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: setStepParam only wraps setParams
  useEffect(() => {
    if (requested !== active) setStepParam(active, true);
  }, [requested, active]);

  const goTo = (step: number) => {
    setAlert(null);
    setStepParam(step, false);
  };

  const submitStep = form.onSubmit((values) => {
    setAlert(null);
    save.mutate(profileRequest(values, STEP_FIELDS[active]), {
      onSuccess: () => goTo(active + 1),
      onError: (error) => setAlert(applyProfileError(form, error, t)),
    });
  });

  const steps = [
    { label: t('onboarding.steps.identity'), description: t('onboarding.steps.identityDescription') },
    { label: t('onboarding.steps.work'), description: t('onboarding.steps.workDescription') },
    { label: t('onboarding.steps.preferences'), description: t('onboarding.steps.preferencesDescription') },
    { label: t('onboarding.steps.consent'), description: t('onboarding.steps.consentDescription') },
  ];
  const step = steps[active]!;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>
          {t('onboarding.greeting', { name: form.values.firstName || profile.firstName })}
        </Title>
        <Text c="dimmed">{t('onboarding.intro')}</Text>
      </Stack>
      <Stepper active={active} onStepClick={goTo} allowNextStepsSelect={false} size="sm">
        {steps.map((s) => (
          <Stepper.Step
            key={s.label}
            label={compact ? undefined : s.label}
            description={compact ? undefined : s.description}
            aria-label={s.label}
          />
        ))}
      </Stepper>
      <Card withBorder padding="lg" component="section" aria-labelledby="onboarding-step-title">
        <Stack gap="md">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('onboarding.progress', { step: active + 1, total: steps.length })}
            </Text>
            <Title order={2} fz="xl" id="onboarding-step-title" ref={headingRef} tabIndex={-1}>
              {step.label}
            </Title>
          </Stack>
          {active === CONSENT_STEP ? (
            <ConsentStep
              onBack={() => goTo(active - 1)}
              onDone={async () => {
                await reloadUser();
                notifications.show({
                  color: 'zen',
                  message: t('onboarding.done'),
                  closeButtonProps: { 'aria-label': t('common.close') },
                });
                navigate('/app', { replace: true });
              }}
            />
          ) : (
            <form noValidate onSubmit={submitStep}>
              <Stack gap="md">
                <FormAlert message={alert} />
                {active === 0 ? (
                  <>
                    <Text size="sm">{t('onboarding.identityHelp')}</Text>
                    <TextInput
                      label={t('employeeProfile.fields.firstName')}
                      autoComplete="given-name"
                      required
                      {...form.getInputProps('firstName')}
                    />
                    <TextInput
                      label={t('employeeProfile.fields.lastName')}
                      autoComplete="family-name"
                      required
                      {...form.getInputProps('lastName')}
                    />
                  </>
                ) : null}
                {active === 1 ? (
                  <>
                    <Text size="sm">{t('onboarding.workHelp')}</Text>
                    <TextInput
                      label={t('employeeProfile.fields.department')}
                      placeholder={t('employeeProfile.placeholders.department')}
                      autoComplete="organization-title"
                      required
                      {...form.getInputProps('department')}
                    />
                    <TextInput
                      label={t('employeeProfile.fields.position')}
                      placeholder={t('employeeProfile.placeholders.position')}
                      autoComplete="organization-title"
                      required
                      {...form.getInputProps('position')}
                    />
                    <TextInput
                      label={t('employeeProfile.fields.phoneNumber')}
                      description={t('onboarding.phoneHelp')}
                      placeholder={t('employeeProfile.placeholders.phoneNumber')}
                      type="tel"
                      autoComplete="tel"
                      {...form.getInputProps('phoneNumber')}
                    />
                  </>
                ) : null}
                {active === 2 ? (
                  <>
                    <LanguageRadios
                      value={form.values.preferredLanguage}
                      description={t('onboarding.languageHelp')}
                      error={form.errors.preferredLanguage}
                      onChange={(language) => {
                        form.setFieldValue('preferredLanguage', language);
                        changeLanguage(language);
                      }}
                    />
                    <TimeZoneSelect
                      description={t('onboarding.timezoneHelp')}
                      {...form.getInputProps('timezone')}
                    />
                  </>
                ) : null}
                <Group justify="space-between">
                  {active > 0 ? (
                    <Button variant="default" onClick={() => goTo(active - 1)}>
                      {t('onboarding.back')}
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button type="submit" loading={save.isPending}>
                    {t('onboarding.next')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Card>
      <Text size="sm" c="dimmed">
        <IconLifebuoy size={14} /> {t('onboarding.consent.crisisHint')}
      </Text>
    </Stack>
  );
}

/** The 0-based step a `?step=` value (1-based, as shown to the user) asks for; the first if none. */
function stepFromUrl(value: string | null): number {
  const step = Number.parseInt(value ?? '', 10);
  if (!Number.isFinite(step)) return 0;
  return Math.min(Math.max(step - 1, 0), CONSENT_STEP);
}

/** The last step: read and accept the consent (unless already accepted), then finish. */
function ConsentStep({ onBack, onDone }: { onBack(): void; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const consent = useConsent();
  const accept = useAcceptConsent();
  const complete = useCompleteOnboarding();
  const [checked, setChecked] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const upToDate = consent.data?.upToDate ?? false;
  const busy = accept.isPending || complete.isPending;

  const failed = (error: unknown) =>
    setAlert(
      isApiError(error, 'CONSENT_VERSION_MISMATCH')
        ? t('onboarding.consent.mismatch')
        : errorMessage(error, t),
    );

  const finish = async () => {
    setAlert(null);
    if (!upToDate && !checked) {
      setCheckError(t('onboarding.consent.checkboxRequired'));
      return;
    }
    try {
      if (!upToDate) await accept.mutateAsync(CURRENT_CONSENT_VERSION);
      await complete.mutateAsync();
      await onDone();
    } catch (error) {
      failed(error);
    }
  };

  if (consent.isPending) {
    return <Loading padding="lg" />;
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void finish();
      }}
    >
      <Stack gap="md">
        <FormAlert message={alert ?? (consent.isError ? errorMessage(consent.error, t) : null)} />
        <ConsentText headingOrder={3} />
        {upToDate ? (
          <Alert color="zen" variant="light">
            {t('onboarding.alreadyAccepted', { version: consent.data?.acceptedVersion })}
          </Alert>
        ) : (
          <Checkbox
            label={t('onboarding.consent.checkbox')}
            checked={checked}
            onChange={(event) => {
              setChecked(event.currentTarget.checked);
              setCheckError(null);
            }}
            error={checkError}
            required
          />
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onBack} disabled={busy}>
            {t('onboarding.back')}
          </Button>
          <Button type="submit" loading={busy}>
            {upToDate ? t('onboarding.finishOnly') : t('onboarding.finish')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
