// The jobs platform: tasks and cron schedules declared in code, jobs scheduled by key inside the
// request's transaction, and the Graphile Worker runner that executes them.
export type { JobExecutor } from './executor';
export { installJobsSchema, isExpectedJobsServerLog, JOBS_API_SCHEMA } from './install';
export type { JobsLogger } from './logger';
export { refreshCounters, refreshCountersTask } from './refresh-counters';
export {
  type CronOptions,
  defineCron,
  defineTask,
  InvalidJobPayloadError,
  type JobServices,
  type JobSettings,
  publicOrigin,
  requireService,
  type TaskContext,
  type TaskDefinition,
} from './registry';
export { type JobsRunner, type StartJobsOptions, startJobs } from './runner';
export { cancelJob, type ScheduleJobSpec, scheduleJob, scheduleJobs, scheduleJobsSql } from './schedule';
