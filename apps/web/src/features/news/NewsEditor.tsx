// HR's editor of a news item (new or edited): title, text, the departments it is for (picked among
// the departments of the company's employees; none = everyone) and an optional image, uploaded to
// the files module as an IMAGE for news when the item is saved.
import {
  CreateNewsSchema,
  NEWS_LIMITS,
  type News,
  normaliseDepartments,
  UpdateNewsSchema,
} from '@huntzen/contracts';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Image,
  MultiSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { isApiError } from '../../lib/api-error';
import { applyApiError, schemaValidator } from '../../lib/form';
import { uploadFile } from '../media/upload';
import { newsErrorMessage, useCreateNews, useDepartments, useNewsImage, useUpdateNews } from './news.api';

interface Values {
  title: string;
  content: string;
  targetDepartments: string[];
}

const IMAGE_TYPES = 'image/png,image/jpeg,image/webp';

function toRequest(values: Values) {
  return {
    title: values.title,
    content: values.content,
    targetDepartments: normaliseDepartments(values.targetDepartments),
  };
}

/** The editor; `onDone` after a successful save (with the saved item). */
export function NewsEditor({
  item,
  onDone,
  onCancel,
}: {
  item?: News;
  onDone: (saved: News) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const create = useCreateNews();
  const update = useUpdateNews();
  const [file, setFile] = useState<File | null>(null);
  const [removeImage, setRemoveImage] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const current = useNewsImage(item && !removeImage ? item.imageFileId : null);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  const form = useForm<Values>({
    initialValues: {
      title: item?.title ?? '',
      content: item?.content ?? '',
      targetDepartments: item?.targetDepartments ?? [],
    },
    validate: schemaValidator(item ? UpdateNewsSchema : CreateNewsSchema, t, toRequest),
  });

  // The company's departments, and those the item already targets (a department may have no
  // employee left).
  const choices = useMemo(
    () => normaliseDepartments([...(departments.data?.items ?? []), ...(item?.targetDepartments ?? [])]),
    [departments.data, item],
  );

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      let imageFileId: string | null | undefined;
      if (file) {
        setUploading(true);
        imageFileId = (await uploadFile(file, 'IMAGE', { relatedResource: 'news' })).id;
      } else if (removeImage) {
        imageFileId = null;
      }
      const body = { ...toRequest(values), ...(imageFileId !== undefined ? { imageFileId } : {}) };
      const saved = item ? await update.mutateAsync({ id: item.id, body }) : await create.mutateAsync(body);
      if (!item) {
        form.reset();
        setFile(null);
      }
      onDone(saved);
    } catch (error) {
      const message = applyApiError(form, error, t);
      setFormError(
        message === null || isApiError(error, 'VALIDATION_FAILED') ? message : newsErrorMessage(error, t),
      );
    } finally {
      setUploading(false);
    }
  });

  const shownImage = preview ?? current;
  const saving = uploading || create.isPending || update.isPending;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('news.editor.title')}
          required
          maxLength={NEWS_LIMITS.titleMaxChars}
          {...form.getInputProps('title')}
        />
        <Textarea
          label={t('news.editor.content')}
          required
          autosize
          minRows={5}
          maxRows={16}
          maxLength={NEWS_LIMITS.contentMaxChars}
          description={t('news.editor.chars', {
            count: form.values.content.length,
            max: NEWS_LIMITS.contentMaxChars,
          })}
          {...form.getInputProps('content')}
        />
        <MultiSelect
          label={t('news.editor.departments')}
          description={
            choices.length === 0 ? t('news.editor.noDepartments') : t('news.editor.departmentsDescription')
          }
          placeholder={form.values.targetDepartments.length === 0 ? t('news.editor.everyone') : undefined}
          data={choices}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('news.editor.clearDepartments') }}
          maxValues={NEWS_LIMITS.maxTargetDepartments}
          nothingFoundMessage={t('news.editor.noDepartmentFound')}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('targetDepartments')}
        />
        <Stack gap={6}>
          <FileInput
            label={t('news.editor.image')}
            description={t('news.editor.imageDescription')}
            accept={IMAGE_TYPES}
            value={file}
            onChange={(next) => {
              setFile(next);
              if (next) setRemoveImage(false);
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('news.editor.clearImage') }}
          />
          {shownImage ? (
            <Group align="flex-end" gap="sm">
              <Image src={shownImage} alt={t('news.editor.imagePreview')} mah={160} maw={280} radius="sm" />
              {item?.imageFileId && !file ? (
                <Button variant="outline" color="red.9" size="xs" onClick={() => setRemoveImage(true)}>
                  {t('news.editor.removeImage')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Stack>
        {formError ? (
          <Alert color="red" icon={<IconAlert />} role="alert">
            <Text size="sm">{formError}</Text>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('news.editor.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={saving}>
            {item ? t('news.editor.save') : t('news.editor.publish')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
