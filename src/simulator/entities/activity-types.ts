/** The default activity types of a Pipedrive company (fixed, like a fresh account). */
export const ACTIVITY_TYPES = [
  { id: 1, key: 'call', name: 'Call', icon: 'call' },
  { id: 2, key: 'meeting', name: 'Meeting', icon: 'meeting' },
  { id: 3, key: 'task', name: 'Task', icon: 'task' },
  { id: 4, key: 'deadline', name: 'Deadline', icon: 'deadline' },
  { id: 5, key: 'email', name: 'Email', icon: 'email' },
  { id: 6, key: 'lunch', name: 'Lunch', icon: 'lunch' },
] as const;
