// Notification parsing is pure: headers or a JSON body in, typed notifications out, garbage rejected.
import { describe, expect, it } from 'vitest';
import { meaningOfGoogleNotification, parseGoogleNotification } from '../../src/providers/google/notifications.js';
import { meaningOfGraphNotification, parseGraphNotifications } from '../../src/providers/microsoft/notifications.js';

describe('parseGoogleNotification', () => {
  const headers = {
    'x-goog-channel-id': '6f1f3c0e-2b8e-4b1a-9c7d-0e5f4a3b2c1d',
    'x-goog-channel-token': 'secret-1',
    'x-goog-channel-expiration': 'Tue, 17 Jun 2025 14:13:20 GMT',
    'x-goog-resource-id': 'o3hgv1538sdjfh',
    'x-goog-resource-uri': 'https://www.googleapis.com/calendar/v3/calendars/primary/events?alt=json',
    'x-goog-resource-state': 'exists',
    'x-goog-message-number': '118',
  };

  it('reads the X-Goog-* headers, whatever their case', () => {
    const n = parseGoogleNotification({ ...headers, 'X-Goog-Channel-ID': undefined });
    expect(n).toEqual({ channelId: headers['x-goog-channel-id'], token: 'secret-1', resourceState: 'exists', messageNumber: 118, resourceId: 'o3hgv1538sdjfh' });
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), [v]]));
    expect(parseGoogleNotification(upper)).toEqual(n);
  });

  it('gives null without a channel id or resource state, and nulls for absent optional headers', () => {
    expect(parseGoogleNotification({})).toBeNull();
    expect(parseGoogleNotification({ 'x-goog-channel-id': 'c' })).toBeNull();
    expect(parseGoogleNotification({ 'x-goog-resource-state': 'exists' })).toBeNull();
    expect(parseGoogleNotification({ 'x-goog-channel-id': 'c', 'x-goog-resource-state': 'sync', 'x-goog-message-number': 'abc' })).toEqual({
      channelId: 'c',
      token: null,
      resourceState: 'sync',
      messageNumber: null,
      resourceId: null,
    });
  });

  it('means sync for sync/exists/not_exists and ignore otherwise', () => {
    const base = { channelId: 'c', token: null, messageNumber: 1, resourceId: null };
    for (const s of ['sync', 'exists', 'not_exists']) expect(meaningOfGoogleNotification({ ...base, resourceState: s })).toEqual({ kind: 'sync', channelId: 'c' });
    expect(meaningOfGoogleNotification({ ...base, resourceState: 'something_new' })).toEqual({ kind: 'ignore', channelId: 'c' });
  });
});

describe('parseGraphNotifications', () => {
  const change = {
    subscriptionId: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07',
    subscriptionExpirationDateTime: '2025-06-13T10:00:00+00:00',
    clientState: 'c2VjcmV0',
    changeType: 'updated',
    tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
    resource: 'Users/8ee4/Events/AAMkAGI2TG93AAA=',
    resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': 'Users/8ee4/Events/AAMkAGI2TG93AAA=', id: 'AAMkAGI2TG93AAA=' },
  };

  it('parses change and lifecycle notifications in one batch', () => {
    const out = parseGraphNotifications({
      value: [
        change,
        { subscriptionId: 's2', clientState: null, lifecycleEvent: 'reauthorizationRequired' },
        { subscriptionId: 's3', lifecycleEvent: 'subscriptionRemoved' },
        { subscriptionId: 's4', clientState: 'x', lifecycleEvent: 'missed' },
      ],
    });
    expect(out).toEqual([
      { subscriptionId: change.subscriptionId, clientState: 'c2VjcmV0', kind: 'change', resourceId: 'AAMkAGI2TG93AAA=' },
      { subscriptionId: 's2', clientState: null, kind: 'reauthorizationRequired', resourceId: null },
      { subscriptionId: 's3', clientState: null, kind: 'subscriptionRemoved', resourceId: null },
      { subscriptionId: 's4', clientState: 'x', kind: 'missed', resourceId: null },
    ]);
    expect(out.map(meaningOfGraphNotification).map((m) => m.kind)).toEqual(['sync', 'resubscribe', 'resubscribe', 'missed']);
  });

  it('skips malformed items and gives [] for garbage', () => {
    for (const garbage of [null, undefined, 'x', 42, [], {}, { value: 'x' }, { value: {} }]) expect(parseGraphNotifications(garbage)).toEqual([]);
    expect(
      parseGraphNotifications({
        value: [null, 'x', { changeType: 'created' }, { subscriptionId: 5, changeType: 'created' }, { subscriptionId: 's', lifecycleEvent: 'unknownEvent' }, { subscriptionId: 's' }, { ...change, resourceData: 'x' }],
      }),
    ).toEqual([{ subscriptionId: change.subscriptionId, clientState: 'c2VjcmV0', kind: 'change', resourceId: null }]);
  });
});
