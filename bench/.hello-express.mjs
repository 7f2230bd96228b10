import express from 'express';
const app = express();
app.get('/', (req, res) => res.json({ ok: 1 }));
const s = app.listen(0, '127.0.0.1', () => console.log(s.address().port));
