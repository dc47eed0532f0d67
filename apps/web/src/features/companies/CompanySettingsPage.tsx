// `/app/company` (ADMIN_RH): the company's settings — logo and cover, colours of the employees'
// interface (with a live preview), email domains, sign-up rules, employee limit, internal news.
import {
  type CompanySettings,
  MAX_EMPLOYEES_LIMIT,
  UpdateCompanySettingsRequestSchema,
} from '@huntzen/contracts';
import {
  Alert,
  Button,
  Card,
  ColorInput,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconAlert, IconInfo } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { ApiError } from '../../lib/api-error';
import { applyApiError, schemaValidator } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { CompanyPicturesCard } from '../media/CompanyBrandingPage';
import { EmailDomainsField } from '../signup/EmailDomainsField';
import { BrandPreview } from './BrandPreview';
import { useCompanySettings, useUpdateCompanySettings } from './companies.api';
import { DomainVerificationCard } from './DomainVerificationCard';

interface Values {
  primaryColor: string;
  secondaryColor: string;
  emailDomains: string[];
  requireEmailVerification: boolean;
  autoApproveEmployees: boolean;
  allowInternalNews: boolean;
  /** '' when there is no limit. */
  maxEmployees: number | string;
}

const SWATCHES = ['#1E5AA8', '#2F6B5E', '#6741D9', '#C2255C', '#E8590C', '#F2A33A', '#0B7285', '#343A40'];

function valuesOf(settings: CompanySettings): Values {
  return {
    primaryColor: settings.primaryColor ?? '',
    secondaryColor: settings.secondaryColor ?? '',
    emailDomains: settings.emailDomains.length ? settings.emailDomains : [''],
    requireEmailVerification: settings.requireEmailVerification,
    autoApproveEmployees: settings.autoApproveEmployees,
    allowInternalNews: settings.allowInternalNews,
    maxEmployees: settings.maxEmployees ?? '',
  };
}

/** The PATCH body: blank colours reset to HuntZen's, a blank limit means none. */
function toRequest(values: Values) {
  const colour = (value: string) => (value.trim() ? value.trim() : null);
  return {
    primaryColor: colour(values.primaryColor),
    secondaryColor: colour(values.secondaryColor),
    emailDomains: values.emailDomains.map((d) => d.trim()),
    requireEmailVerification: values.requireEmailVerification,
    autoApproveEmployees: values.autoApproveEmployees,
    allowInternalNews: values.allowInternalNews,
    maxEmployees: values.maxEmployees === '' ? null : Number(values.maxEmployees),
  };
}

/** The company settings page. */
export function CompanySettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('companySettings.title'));
  const query = useCompanySettings();

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('companySettings.title')}</Title>
        <Text c="dimmed">{t('companySettings.subtitle', { name: query.data?.name ?? '' })}</Text>
      </Stack>
      {query.data?.status === 'PENDING' ? (
        <Alert color="blue" variant="light" icon={<IconInfo />} title={t('companySettings.pendingTitle')}>
          <Text size="sm">{t('companySettings.pendingBody')}</Text>
        </Alert>
      ) : null}
      {query.data?.status === 'REJECTED' ? (
        <Alert color="red" variant="light" icon={<IconAlert />}>
          <Text size="sm">{t('companySettings.rejectedBody')}</Text>
        </Alert>
      ) : null}
      <CompanyPicturesCard />
      {query.isPending ? (
        <Loading padding="lg" />
      ) : query.isError ? (
        <LoadError error={query.error} />
      ) : (
        <>
          <SettingsForm settings={query.data} />
          <DomainVerificationCard settings={query.data} />
        </>
      )}
    </Stack>
  );
}

interface FormLike {
  getValues(): unknown;
  setErrors(errors: FormErrors): void;
  setFieldError(path: string, error: string): void;
}

/** The form-level sentence for a failed save; field problems go on their fields. */
function saveError(form: FormLike, error: unknown, settings: CompanySettings, t: TFunction) {
  if (
    error instanceof ApiError &&
    error.fieldErrors.some((e) => e.path === 'body.maxEmployees') &&
    error.code === 'CONFLICT'
  ) {
    form.setFieldError('maxEmployees', t('companySettings.maxBelowCount', { count: settings.employeeCount }));
    return null;
  }
  if (error instanceof ApiError && error.code === 'DOMAIN_TAKEN') {
    applyApiError(form, error, t);
    return t('companySettings.domainTaken');
  }
  return applyApiError(form, error, t);
}

function SettingsForm({ settings }: { settings: CompanySettings }) {
  const { t } = useTranslation();
  const update = useUpdateCompanySettings();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(settings),
    validate: schemaValidator(UpdateCompanySettingsRequestSchema, t, toRequest, {
      primaryColor: 'companySettings.invalidColor',
      secondaryColor: 'companySettings.invalidColor',
      'emailDomains.*': 'validation.domain',
    }),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setAlert(null);
        update.mutate(toRequest(values), {
          onSuccess: (saved) => {
            // The saved settings become the form's starting point (nothing left to save).
            form.setInitialValues(valuesOf(saved));
            form.setValues(valuesOf(saved));
            notifications.show({
              color: 'zen',
              closeButtonProps: { 'aria-label': t('common.close') },
              message: t('companySettings.saved'),
            });
          },
          onError: (error) => setAlert(saveError(form, error, settings, t)),
        });
      })}
    >
      <Stack gap="lg">
        <Card withBorder padding="lg" component="section" aria-labelledby="company-colours-title">
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={2} fz="xl" id="company-colours-title">
                {t('companySettings.colours.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('companySettings.colours.help')}
              </Text>
            </Stack>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <Stack gap="md">
                <ColorInput
                  label={t('companySettings.fields.primaryColor')}
                  description={t('companySettings.colours.primaryHelp')}
                  format="hex"
                  swatches={SWATCHES}
                  swatchesPerRow={8}
                  placeholder="#1E5AA8"
                  withEyeDropper={false}
                  {...form.getInputProps('primaryColor')}
                />
                <ColorInput
                  label={t('companySettings.fields.secondaryColor')}
                  description={t('companySettings.colours.secondaryHelp')}
                  format="hex"
                  swatches={SWATCHES}
                  swatchesPerRow={8}
                  placeholder="#F2A33A"
                  withEyeDropper={false}
                  {...form.getInputProps('secondaryColor')}
                />
                <Group>
                  <Button
                    variant="default"
                    size="sm"
                    onClick={() => form.setValues({ primaryColor: '', secondaryColor: '' })}
                  >
                    {t('companySettings.colours.reset')}
                  </Button>
                </Group>
              </Stack>
              <BrandPreview
                primary={form.values.primaryColor}
                secondary={form.values.secondaryColor}
                name={settings.name}
              />
            </SimpleGrid>
          </Stack>
        </Card>

        {/* The field's own legend names the section. */}
        <Card withBorder padding="lg" component="section" aria-label={t('companySettings.domains.title')}>
          <EmailDomainsField form={form} path="emailDomains" />
        </Card>

        <Card withBorder padding="lg" component="section" aria-labelledby="company-signup-title">
          <Stack gap="md">
            <Title order={2} fz="xl" id="company-signup-title">
              {t('companySettings.signup.title')}
            </Title>
            <Switch
              label={t('companySettings.fields.requireEmailVerification')}
              description={t('companySettings.signup.requireEmailVerificationHelp')}
              {...form.getInputProps('requireEmailVerification', { type: 'checkbox' })}
            />
            <Switch
              label={t('companySettings.fields.autoApproveEmployees')}
              description={t('companySettings.signup.autoApproveEmployeesHelp')}
              {...form.getInputProps('autoApproveEmployees', { type: 'checkbox' })}
            />
            <NumberInput
              maw={320}
              label={t('companySettings.fields.maxEmployees')}
              description={t('companySettings.signup.maxEmployeesHelp', { count: settings.employeeCount })}
              min={1}
              max={MAX_EMPLOYEES_LIMIT}
              allowDecimal={false}
              allowNegative={false}
              placeholder={t('companySettings.unlimited')}
              {...form.getInputProps('maxEmployees')}
            />
            <Switch
              label={t('companySettings.fields.allowInternalNews')}
              description={t('companySettings.signup.allowInternalNewsHelp')}
              {...form.getInputProps('allowInternalNews', { type: 'checkbox' })}
            />
          </Stack>
        </Card>

        <FormAlert message={alert} />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('companySettings.save')}
          </Button>
          <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
            {t('companySettings.discard')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
