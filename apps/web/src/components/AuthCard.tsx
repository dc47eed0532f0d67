import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../lib/use-page-title';

interface AuthCardProps {
  title: string;
  subtitle?: ReactNode;
  size?: 'xs' | 'sm' | 'md';
  children: ReactNode;
}

/** The centred card of the login, sign-up and password pages, with the page's h1. */
export function AuthCard({ title, subtitle, size = 'xs', children }: AuthCardProps) {
  usePageTitle(title);
  const width = { xs: 460, sm: 640, md: 820 }[size];
  return (
    <Container size={width} px={0} w="100%">
      <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={1} fz={{ base: 26, sm: 30 }}>
              {title}
            </Title>
            {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
          </Stack>
          {children}
        </Stack>
      </Paper>
    </Container>
  );
}
