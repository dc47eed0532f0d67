// `/app/consultations/:id/room` (the consultation's employee and practitioner): the video room.
// Before the room opens (10 minutes before the start), a waiting card counts down, then the page
// joins by itself; inside the window it asks the API to join (room, password, Jitsi token), loads
// Jitsi's external_api.js from the configured server and embeds the meeting; "Leave" records the
// departure. When Jitsi's script cannot be loaded (offline, blocked by a network, server down) the
// page says so plainly and offers to try again — nothing else on the page depends on Jitsi.
import { type Consultation, type JoinRoomResponse, ROOM_OPEN_STATUSES, roomWindow } from '@huntzen/contracts';
import { Alert, Anchor, Button, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlert, IconClock } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { formatLocale } from '../../i18n';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { type JitsiMeetApi, loadJitsi } from './jitsi';
import { joinRoom, leaveRoom, useRoomConsultation } from './video-room.api';

/** Now, every second (the countdown). */
function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** "1 h 05 min 09 s" / "4 min 09 s" — or days for far away. */
function countdown(ms: number, t: TFunction): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return t('videoRoom.countdown.days', { count: days, hours });
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0
    ? t('videoRoom.countdown.hours', { hours, minutes: pad(minutes), seconds: pad(seconds) })
    : t('videoRoom.countdown.minutes', { minutes, seconds: pad(seconds) });
}

function otherName(c: Consultation, role: string | null): string {
  if (role === 'PRACTITIONER') return `${c.employee.firstName} ${c.employee.lastName}`;
  return `${c.practitioner.title} ${c.practitioner.firstName} ${c.practitioner.lastName}`.replace(
    /\s+/g,
    ' ',
  );
}

/** The room page. */
export function RoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { role } = useAuth();
  const query = useRoomConsultation(id);
  const now = useClock();
  // Once in the meeting, the page stays there: the clock passing the window's end, or the
  // practitioner marking the end, does not throw anyone out of a conversation.
  const [entered, setEntered] = useState(false);
  const c = query.data;
  const bounds = c ? roomWindow(c.scheduledAt, c.scheduledEndAt) : null;
  const open =
    c !== undefined &&
    bounds !== null &&
    c.hasRoom &&
    (ROOM_OPEN_STATUSES as readonly string[]).includes(c.status) &&
    now >= bounds.opensAt.getTime() &&
    now < bounds.closesAt.getTime();
  useEffect(() => {
    if (open) setEntered(true);
  }, [open]);
  const refetch = query.refetch;
  const onRefused = useCallback(() => void refetch(), [refetch]);
  usePageTitle(t('videoRoom.title'));
  const back = (
    <Anchor component={Link} to={`/app/consultations/${id}`} size="sm">
      ← {t('videoRoom.back')}
    </Anchor>
  );

  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError || !c || !bounds) {
    return (
      <Stack gap="lg">
        {back}
        <Alert
          color={isApiError(query.error, 'NOT_FOUND') ? 'gray' : 'red'}
          icon={<IconAlert />}
          role="alert"
        >
          {isApiError(query.error, 'NOT_FOUND') ? t('videoRoom.notFound') : errorMessage(query.error, t)}
        </Alert>
      </Stack>
    );
  }

  const { opensAt } = bounds;
  const when = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'full', timeStyle: 'short' }).format(
    new Date(c.scheduledAt),
  );
  const heading = (
    <Stack gap={4}>
      <Title order={1}>{t('videoRoom.heading', { name: otherName(c, role) })}</Title>
      <Text c="dimmed">{t(c.format === 'AUDIO' ? 'videoRoom.audioAt' : 'videoRoom.videoAt', { when })}</Text>
    </Stack>
  );

  let body: ReactNode;
  if (entered || open) {
    body = <Meeting consultationId={c.id} onRefused={onRefused} />;
  } else if (!c.hasRoom) {
    body = <Notice text={t('videoRoom.inPerson')} />;
  } else if (!(ROOM_OPEN_STATUSES as readonly string[]).includes(c.status)) {
    body = <Notice text={t(`videoRoom.closedStatus.${c.status}` as 'videoRoom.closedStatus.CANCELLED')} />;
  } else if (now < opensAt.getTime()) {
    const opensLabel = new Intl.DateTimeFormat(formatLocale(), { timeStyle: 'short' }).format(opensAt);
    body = (
      <Card withBorder padding="xl" component="section" aria-labelledby="room-waiting">
        <Stack gap="sm" align="center" ta="center">
          <IconClock size={32} />
          <Title order={2} id="room-waiting">
            {t('videoRoom.waiting.title')}
          </Title>
          <Text>{t('videoRoom.waiting.opensAt', { time: opensLabel })}</Text>
          <Text fz="xl" fw={700} role="timer" aria-label={t('videoRoom.waiting.countdownLabel')}>
            {countdown(opensAt.getTime() - now, t)}
          </Text>
          <Text c="dimmed" fz="sm">
            {t('videoRoom.waiting.hint')}
          </Text>
        </Stack>
      </Card>
    );
  } else {
    // Past the window (before it is the waiting card above).
    body = <Notice text={t('videoRoom.closedTime')} />;
  }

  return (
    <Stack gap="lg">
      {back}
      {heading}
      {body}
    </Stack>
  );
}

function Notice({ text }: { text: string }) {
  return (
    <Alert color="gray" icon={<IconAlert />} role="status">
      {text}
    </Alert>
  );
}

type MeetingState =
  | { step: 'joining' }
  | { step: 'refused'; error: unknown }
  | { step: 'loading'; room: JoinRoomResponse }
  | { step: 'unreachable'; room: JoinRoomResponse }
  | { step: 'in'; room: JoinRoomResponse }
  | { step: 'left' };

/** Inside the window: join, load Jitsi, embed the meeting. */
function Meeting({ consultationId, onRefused }: { consultationId: string; onRefused: () => void }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<MeetingState>({ step: 'joining' });
  const [attempt, setAttempt] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  const api = useRef<JitsiMeetApi | null>(null);
  const refused = useRef(onRefused);
  refused.current = onRefused;

  const leave = useCallback(async () => {
    api.current?.dispose();
    api.current = null;
    setState({ step: 'left' });
    try {
      await leaveRoom(consultationId);
    } catch {
      // Leaving works without the record; a failed record is not worth holding the user back.
    }
  }, [consultationId]);

  // Join (again after "Rejoin" or "Try again": `attempt` changes).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks for a new join
  useEffect(() => {
    let live = true;
    setState({ step: 'joining' });
    joinRoom(consultationId).then(
      (room) => live && setState({ step: 'loading', room }),
      (error: unknown) => {
        if (!live) return;
        // The status or the time changed under us: reload the consultation, the page follows.
        if (isApiError(error, 'OUTSIDE_TIME_WINDOW', 'ROOM_CLOSED')) refused.current();
        setState({ step: 'refused', error });
      },
    );
    return () => {
      live = false;
    };
  }, [consultationId, attempt]);

  // Load the script, then embed the meeting.
  const room = state.step === 'loading' || state.step === 'in' ? state.room : null;
  useEffect(() => {
    if (state.step !== 'loading') return;
    let live = true;
    const joined = state.room;
    loadJitsi(joined.scriptUrl).then(
      (JitsiMeetExternalAPI) => {
        if (!live || !frame.current) return;
        setState({ step: 'in', room: joined });
        const meeting = new JitsiMeetExternalAPI(joined.domain, {
          roomName: joined.roomName,
          ...(joined.jwt ? { jwt: joined.jwt } : {}),
          parentNode: frame.current,
          width: '100%',
          height: '100%',
          lang: i18n.language.startsWith('en') ? 'en' : 'fr',
          userInfo: { displayName: joined.displayName },
          configOverwrite: {
            startAudioOnly: joined.startsWithAudioOnly,
            startWithVideoMuted: joined.startsWithAudioOnly,
            prejoinConfig: { enabled: true },
            disableDeepLinking: true,
          },
        });
        meeting.getIFrame().title = t('videoRoom.frameTitle');
        // Without tokens (public Jitsi) the room is kept by its password: the moderator sets it, the
        // other participant gives it when asked.
        if (joined.password) {
          const password = joined.password;
          meeting.addListener('passwordRequired', () => meeting.executeCommand('password', password));
          meeting.addListener('participantRoleChanged', (event) => {
            if (event.role === 'moderator' && !joined.jwt) meeting.executeCommand('password', password);
          });
        }
        meeting.addListener('readyToClose', () => {
          void leave();
        });
        api.current = meeting;
      },
      () => live && setState({ step: 'unreachable', room: joined }),
    );
    return () => {
      live = false;
    };
  }, [state, i18n.language, t, leave]);

  useEffect(
    () => () => {
      api.current?.dispose();
      api.current = null;
    },
    [],
  );

  if (state.step === 'joining') {
    return (
      <Center p="xl">
        <Spinner label={t('videoRoom.joining')} />
      </Center>
    );
  }
  if (state.step === 'refused') {
    return (
      <Alert color="red" icon={<IconAlert />} role="alert" title={t('videoRoom.refused')}>
        <Stack gap="sm" align="flex-start">
          <Text>{errorMessage(state.error, t)}</Text>
          <Button variant="default" onClick={() => setAttempt((n) => n + 1)}>
            {t('videoRoom.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (state.step === 'left') {
    return (
      <Card withBorder padding="xl">
        <Stack gap="sm" align="flex-start">
          <Title order={2}>{t('videoRoom.left.title')}</Title>
          <Text>{t('videoRoom.left.text')}</Text>
          <Group>
            <Button onClick={() => setAttempt((n) => n + 1)}>{t('videoRoom.left.rejoin')}</Button>
            <Button component={Link} to={`/app/consultations/${consultationId}`} variant="default">
              {t('videoRoom.back')}
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  }
  if (state.step === 'unreachable') {
    return (
      <Alert color="red" icon={<IconAlert />} role="alert" title={t('videoRoom.unreachable.title')}>
        <Stack gap="sm" align="flex-start">
          <Text>{t('videoRoom.unreachable.text', { domain: state.room.domain })}</Text>
          <Text fz="sm">{t('videoRoom.unreachable.hint')}</Text>
          <Group gap="sm">
            <Button variant="default" onClick={() => setState({ step: 'loading', room: state.room })}>
              {t('videoRoom.retry')}
            </Button>
            <Anchor component={Link} to={`/app/messages/${consultationId}`} fz="sm">
              {t('videoRoom.unreachable.message')}
            </Anchor>
          </Group>
        </Stack>
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" fz="sm">
          {state.step === 'loading' ? t('videoRoom.loadingJitsi') : t('videoRoom.inRoom')}
        </Text>
        <Button color="red" variant="light" onClick={() => void leave()}>
          {t('videoRoom.leave')}
        </Button>
      </Group>
      {state.step === 'loading' ? (
        <Center p="md">
          <Spinner label={t('videoRoom.loadingJitsi')} />
        </Center>
      ) : null}
      <div
        ref={frame}
        data-room={room?.roomName}
        style={{ height: '70vh', minHeight: 420, borderRadius: 8, overflow: 'hidden' }}
      />
    </Stack>
  );
}
