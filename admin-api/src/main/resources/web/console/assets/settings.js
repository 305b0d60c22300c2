// Recording and composition settings: where the account's files are stored (its own S3 bucket)
// and whether they are encrypted, with the credentials they use.
import { api } from './api.js';
import { h, page, toast } from './ui.js';

const KINDS = [['recording', 'Recording settings', '/v1/RecordingSettings/Default'],
  ['composition', 'Composition settings', '/v1/CompositionSettings/Default']];

export async function show() {
  const [aws, keys] = await Promise.all([
    api.all('/v1/Credentials/AWS', 'credentials', {}, 200),
    api.all('/v1/Credentials/PublicKeys', 'credentials', {}, 200),
  ]);
  const forms = await Promise.all(KINDS.map(async ([kind, title, path]) => settingsForm(kind, title, path, await api.get(path), aws, keys)));
  page('Settings', h('p', { class: 'meta' }, 'Where finished files go and whether they are encrypted. A change applies to files finished '
    + 'after it. Credentials are added with the REST API (POST /v1/Credentials/AWS or /PublicKeys) and chosen here.'), ...forms);
}

function settingsForm(kind, title, path, s, aws, keys) {
  const id = (n) => `${kind}-${n}`;
  const choose = (name, list, value) => h('select', { id: id(name), name }, h('option', { value: '' }, 'None'),
    list.map((c) => h('option', { value: c.sid, selected: c.sid === value }, `${c.friendly_name || c.sid} (${c.sid})`)));
  const check = (name, checked) => h('input', { type: 'checkbox', id: id(name), name, checked: !!checked });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'stacked', id: `${kind}-settings`, 'aria-labelledby': id('title') },
    h('h2', { id: id('title') }, title),
    field(id('FriendlyName'), 'Name', h('input', { id: id('FriendlyName'), name: 'FriendlyName', value: s.friendly_name || '', required: true })),
    field(id('AwsS3Url'), 'S3 bucket URL and prefix', h('input', { id: id('AwsS3Url'), name: 'AwsS3Url', value: s.aws_s3_url || '',
      placeholder: 'https://my-bucket.s3.amazonaws.com/recordings' })),
    field(id('AwsCredentialsSid'), 'AWS credential', choose('AwsCredentialsSid', aws, s.aws_credentials_sid)),
    h('div', { class: 'field check' }, check('AwsStorageEnabled', s.aws_storage_enabled), h('label', { for: id('AwsStorageEnabled') }, 'Store in this bucket')),
    field(id('EncryptionKeySid'), 'Public key for encryption', choose('EncryptionKeySid', keys, s.encryption_key_sid)),
    h('div', { class: 'field check' }, check('EncryptionEnabled', s.encryption_enabled), h('label', { for: id('EncryptionEnabled') }, 'Encrypt files')),
    error, h('div', { class: 'buttons' }, h('button', { type: 'submit' }, `Save ${title.toLowerCase()}`)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      await api.post(path, { FriendlyName: form.FriendlyName.value.trim(), AwsS3Url: form.AwsS3Url.value.trim(),
        AwsCredentialsSid: form.AwsCredentialsSid.value, AwsStorageEnabled: String(form.AwsStorageEnabled.checked),
        EncryptionKeySid: form.EncryptionKeySid.value, EncryptionEnabled: String(form.EncryptionEnabled.checked) });
      toast(`${title} saved`);
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  return form;
}

function field(id, label, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}
