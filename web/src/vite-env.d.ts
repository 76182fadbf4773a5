declare module 'dkfds-css';
