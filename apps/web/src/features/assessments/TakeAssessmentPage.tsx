// `/app/assessments/take/:instrument` (employees): one questionnaire in its official wording. On a
// phone one item per screen (previous / next), on a larger screen the whole list; each item is a
// radio group (Tab to reach it, arrow keys to choose). The result follows on the same page, and a
// PHQ-9 item 9 above 0 shows the crisis help at once.
import {
  type Assessment,
  INSTRUMENT_RULES,
  INSTRUMENTS,
  type Instrument,
  scoreAssessment,
} from '@huntzen/contracts';
import { Alert, Anchor, Button, Card, Group, Progress, Radio, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { LoadError } from '../../components/QueryState';
import { usePageTitle } from '../../lib/use-page-title';
import {
  useAssessmentSettings,
  useSharePractitioners,
  useTakeAssessment,
  wordingKey,
} from './assessments.api';
import { CrisisPanel } from './CrisisPanel';
import { levelText, scoreText } from './format';
import { ShareControl } from './ShareControl';

/** The page. */
export function TakeAssessmentPage() {
  const { t } = useTranslation();
  const { instrument: param = '' } = useParams();
  const instrument = (INSTRUMENTS as readonly string[]).includes(param) ? (param as Instrument) : null;
  usePageTitle(
    instrument
      ? t('assessments.take.title', { name: t(`assessments.instruments.${instrument}.name`) })
      : t('assessments.title'),
  );
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/assessments" size="sm">
        ← {t('assessments.take.back')}
      </Anchor>
      {instrument ? (
        <Questionnaire key={instrument} instrument={instrument} />
      ) : (
        <Alert color="gray" icon={<IconAlert />} role="alert">
          {t('errors.NOT_FOUND')}
        </Alert>
      )}
    </Stack>
  );
}

function Questionnaire({ instrument }: { instrument: Instrument }) {
  const { t } = useTranslation();
  const rules = INSTRUMENT_RULES[instrument];
  const mobile = useMediaQuery('(max-width: 48em)') ?? false;
  const [answers, setAnswers] = useState<(number | null)[]>(() => Array(rules.items).fill(null));
  const [step, setStep] = useState(0);
  const [showMissing, setShowMissing] = useState(false);
  const take = useTakeAssessment();
  const name = t(`assessments.instruments.${instrument}.name`);
  const missing = answers.filter((a) => a === null).length;
  const ascending = Array.from({ length: rules.max - rules.min + 1 }, (_, i) => rules.min + i);
  // WHO-5's official form lists "All of the time" (5) first.
  const options = instrument === 'WHO5' ? ascending.reverse() : ascending;

  if (take.data) return <Result result={take.data} />;

  const submit = () => {
    if (missing > 0) {
      setShowMissing(true);
      return;
    }
    take.mutate({ instrument, answers: answers as number[] });
  };

  const item = (index: number) => (
    <Radio.Group
      key={index}
      name={`item-${index}`}
      label={`${index + 1}. ${t(wordingKey(instrument, 'items', index))}`}
      value={answers[index] === null ? null : String(answers[index])}
      onChange={(value) => setAnswers((old) => old.map((a, i) => (i === index ? Number(value) : a)))}
      error={showMissing && answers[index] === null ? t('assessments.take.missing', { count: 1 }) : undefined}
      styles={{ label: { fontSize: 'var(--mantine-font-size-md)', marginBottom: 8 } }}
    >
      <Stack gap={8}>
        {options.map((value) => (
          <Radio key={value} value={String(value)} label={t(wordingKey(instrument, 'options', value))} />
        ))}
      </Stack>
    </Radio.Group>
  );

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('assessments.take.title', { name })}</Title>
        <Text fw={500}>{t(`assessments.instruments.${instrument}.stem`)}</Text>
      </Stack>
      <Card
        withBorder
        padding="lg"
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="lg">
          {mobile ? (
            <>
              <Stack gap={4}>
                <Text size="sm" aria-live="polite">
                  {t('assessments.take.progress', { current: step + 1, total: rules.items })}
                </Text>
                <Progress value={((step + 1) / rules.items) * 100} aria-hidden />
              </Stack>
              {item(step)}
              <Group justify="space-between">
                <Button variant="default" disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
                  {t('assessments.take.previous')}
                </Button>
                {step < rules.items - 1 ? (
                  <Button onClick={() => setStep((s) => s + 1)} disabled={answers[step] === null}>
                    {t('assessments.take.next')}
                  </Button>
                ) : (
                  <Button type="submit" loading={take.isPending}>
                    {t('assessments.take.submit')}
                  </Button>
                )}
              </Group>
            </>
          ) : (
            <>
              {answers.map((_, index) => item(index))}
              <Group>
                <Button type="submit" loading={take.isPending}>
                  {t('assessments.take.submit')}
                </Button>
              </Group>
            </>
          )}
          {showMissing && missing > 0 ? (
            <Alert color="orange" icon={<IconAlert />} role="alert">
              {t('assessments.take.missing', { count: missing })}
            </Alert>
          ) : null}
          {take.isError ? <LoadError error={take.error} /> : null}
        </Stack>
      </Card>
      <Text size="xs" c="dimmed">
        {t(`assessments.instruments.${instrument}.copyright`)}
      </Text>
    </Stack>
  );
}

function Result({ result }: { result: Assessment }) {
  const { t } = useTranslation();
  const settings = useAssessmentSettings();
  const practitioners = useSharePractitioners();
  const title = useRef<HTMLHeadingElement>(null);
  // The crisis panel takes the focus itself; otherwise the result's title does.
  useEffect(() => {
    if (!result.crisis) title.current?.focus();
  }, [result.crisis]);
  const alerted =
    result.crisis &&
    Boolean(settings.data?.alertPractitionerOnCrisis) &&
    (practitioners.data?.items.length ?? 0) > 0;
  // The web app's own reading of the same published rules, for the sentence under the score.
  const check = result.answers ? scoreAssessment(result.instrument, result.answers) : null;
  return (
    <Stack gap="lg">
      {result.crisis ? <CrisisPanel alerted={alerted} /> : null}
      <Card withBorder padding="lg" component="section" aria-labelledby="result-title">
        <Stack gap="sm">
          <Title order={result.crisis ? 2 : 1} fz="h2" id="result-title" ref={title} tabIndex={-1}>
            {t('assessments.result.title')} — {t(`assessments.instruments.${result.instrument}.name`)}
          </Title>
          <Text fz="xl" fw={700} data-testid="assessment-score">
            {result.instrument === 'WHO5'
              ? t('assessments.result.wellbeing', { score: result.score })
              : t('assessments.result.score', {
                  score: result.score,
                  max: INSTRUMENT_RULES[result.instrument].maxScore,
                })}
          </Text>
          {result.severity ? (
            <Text>{t('assessments.result.severity', { severity: levelText(result, t) })}</Text>
          ) : (
            <Text>
              {(check?.lowWellbeing ?? result.lowWellbeing)
                ? t('assessments.result.low')
                : t('assessments.result.fine')}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {scoreText(result)} · {t('assessments.notDiagnosis')}
          </Text>
          <ShareControl assessment={result} />
          <Group gap="sm">
            <Button component={Link} to="/app/assessments" variant="default">
              {t('assessments.result.again')}
            </Button>
            <Button component={Link} to="/app/practitioners" variant="light">
              {t('assessments.result.book')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
