-- MySQL dump 10.13  Distrib 8.0.36
CREATE TABLE `integrations` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `config` json DEFAULT NULL,
  PRIMARY KEY (`id`)
);
INSERT INTO `integrations` VALUES (1,'slack','{"token": "xoxb-965464364384-6279669945473-9rLBo7bYxksgfjhUjkWjxYDs"}');
INSERT INTO `integrations` VALUES (2,'warehouse','{"url": "postgres://etl:AqczKjTvPxAqabw0jQ4@warehouse.acme.io:5432/dw"}');
