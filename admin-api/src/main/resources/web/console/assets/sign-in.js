// The sign-in page: checks the credentials at /console/session and goes back where the visitor was.
import { signIn } from './api.js';

const form = document.getElementById('sign-in');
const error = document.getElementById('sign-in-error');

function next() {
  const n = new URLSearchParams(location.search).get('next');
  // Only a page of the console (the server checks the same when it offers one).
  return n && n.startsWith('/console/') && !n.startsWith('//') && !n.includes('\\') ? n : '/console/';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const sid = form.sid.value.trim();
  const secret = form.secret.value;
  if (!sid || !secret) {
    error.textContent = 'Enter both the SID and its secret.';
    error.hidden = false;
    return;
  }
  form.querySelector('button').disabled = true;
  try {
    await signIn(sid, secret);
    location.assign(next());
  } catch (e) {
    error.textContent = e.status === 401 ? 'That SID and secret do not match an enabled account or API key.' : e.message;
    error.hidden = false;
    form.secret.select();
  } finally {
    form.querySelector('button').disabled = false;
  }
});
document.getElementById('sid').focus();
